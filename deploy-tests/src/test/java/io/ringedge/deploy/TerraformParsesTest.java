package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerraformParsesTest {

    @Test
    void everyTfFileParses() {
        TerraformTree tree = ParsedTrees.repository();
        assertEquals("{}", tree.errors().toString(), "HCL syntax errors");
    }

    @Test
    void everyModuleAndTheExampleArePresent() {
        List<String> expected = List.of("modules/network", "modules/sbc-edge", "modules/media-workers",
                "modules/kafka", "modules/redis", "modules/functions", "examples/single-region");
        assertTrue(ParsedTrees.repository().modules().keySet().containsAll(expected),
                "expected " + expected + ", found " + ParsedTrees.repository().modules().keySet());
    }

    @Test
    void aSyntaxErrorIsReportedWithItsFile() {
        String error = ParsedTrees.fixtures().errors().get("unparsable/main.tf");
        assertTrue(error != null && error.contains("unparsable/main.tf:"), "expected a parse error, got " + error);
    }
}
