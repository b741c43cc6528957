package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VariablesDescribedTest {

    @Test
    void everyVariableIsTypedDescribedAndValidatedWhereItMatters() {
        List<String> violations = ParsedTrees.repository().modules().values().stream()
                .flatMap(m -> Checks.undescribedOrUnvalidatedVariables(m).stream()).toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void anUnvalidatedPortIsReported() {
        assertEquals(List.of(
                "variable-without-validation: variable sip_udp_port has no description",
                "variable-without-validation: variable sip_udp_port has no type",
                "variable-without-validation: variable sip_udp_port is a port, range, count or CIDR but has no validation"),
                Checks.undescribedOrUnvalidatedVariables(ParsedTrees.fixtures().module("variable-without-validation")));
    }
}
