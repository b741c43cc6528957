package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleWiringTest {

    @Test
    void theExamplePassesEveryRequiredVariableAndUsesOnlyExistingOutputs() {
        TerraformTree tree = ParsedTrees.repository();
        assertEquals(List.of(), Checks.exampleWiring(tree, tree.module("examples/single-region")));
    }

    @Test
    void theExampleOutputsWhatOperatorsHandOut() {
        var outputs = ParsedTrees.repository().module("examples/single-region").outputs();
        assertTrue(outputs.keySet().containsAll(List.of("static_ips", "wss_url")), "outputs: " + outputs.keySet());
    }

    @Test
    void aMiswiredExampleIsReported() {
        TerraformTree fixtures = ParsedTrees.fixtures();
        assertEquals(List.of(
                "example-miswired/examples/one: module.thing does not pass required_input, which example-miswired/modules/thing requires (no default)",
                "example-miswired/examples/one: module.thing passes unknown_arg, which example-miswired/modules/thing does not declare",
                "example-miswired/examples/one: module.thing.missing is used, but example-miswired/modules/thing has no output missing"),
                Checks.exampleWiring(fixtures, fixtures.module("example-miswired/examples/one")));
    }
}
