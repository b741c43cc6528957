package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplatesTest {

    @Test
    void userDataTemplatesGetExactlyTheNamesTheyUse() {
        TerraformTree tree = ParsedTrees.repository();
        List<String> violations = tree.modules().values().stream()
                .flatMap(m -> Templates.mismatches(tree, m).stream()).toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void aTemplateMismatchIsReported() {
        TerraformTree fixtures = ParsedTrees.fixtures();
        assertEquals(List.of(
                "template-mismatch/user-data.sh.tftpl uses image, which templatefile() does not pass",
                "template-mismatch/user-data.sh.tftpl is passed unused but never uses it"),
                Templates.mismatches(fixtures, fixtures.module("template-mismatch")));
    }
}
