package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretVariablesTest {

    @Test
    void noVariableHoldingASecretHasADefault() {
        List<String> violations = ParsedTrees.repository().modules().values().stream()
                .flatMap(m -> Checks.secretVariablesWithDefaults(m).stream()).toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void aSecretWithADefaultIsReported() {
        assertEquals(List.of(
                "secret-with-default: variable jwt_key_secret_arn holds a secret but has a default",
                "secret-with-default: variable signing_material holds a secret but has a default"),
                Checks.secretVariablesWithDefaults(ParsedTrees.fixtures().module("secret-with-default")));
    }
}
