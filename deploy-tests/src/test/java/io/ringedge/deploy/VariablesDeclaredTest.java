package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VariablesDeclaredTest {

    @Test
    void everyReferencedVariableIsDeclaredInItsModule() {
        List<String> violations = ParsedTrees.repository().modules().values().stream()
                .flatMap(m -> Checks.undeclaredVariables(m).stream()).toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void anUndeclaredVariableIsReported() {
        assertEquals(List.of("undeclared-variable: var.edge_cuont is used but not declared"),
                Checks.undeclaredVariables(ParsedTrees.fixtures().module("undeclared-variable")));
    }
}
