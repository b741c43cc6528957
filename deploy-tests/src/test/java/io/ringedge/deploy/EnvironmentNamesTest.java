package io.ringedge.deploy;

import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services read Helidon config keys; the Terraform passes them as environment variables
 * named by one expression. This proves that naming maps back to every key through
 * Helidon's own environment-variable aliasing, and that the Terraform uses nothing else.
 * {@link #environmentName} is also how compose.yaml names them.
 */
class EnvironmentNamesTest {

    /** How the Terraform names a key's environment variable, in HCL. */
    static final String TERRAFORM_NAMING = "upper(replace(replace(key, \"-\", \"_dash_\"), \".\", \"_\"))";

    /** The same naming, in Java. */
    static String environmentName(String key) {
        return ConfigReference.environmentName(key);
    }

    @Test
    void everyKeyTheTerraformPassesIsRecoveredFromItsEnvironmentName() {
        for (String key : ConfigKeysTest.keysPassedByTheTerraform()) {
            Map<String, String> aliases = EnvironmentVariables.expand(Map.of(environmentName(key), "value"));
            assertEquals("value", aliases.get(key), environmentName(key) + " must map back to " + key + ", got " + aliases);
        }
    }

    @Test
    void theTerraformNamesVariablesOnlyThatWay() throws IOException {
        Path terraform = ParsedTrees.repository().root();
        List<Path> namers;
        try (Stream<Path> files = Files.walk(terraform)) {
            namers = files.filter(f -> f.toString().endsWith(".tf") || f.toString().endsWith(".tftpl"))
                    .filter(f -> read(f).contains("_dash_")).toList();
        }
        assertEquals(3, namers.size(), "files naming environment variables: " + namers);
        for (Path file : namers) {
            String text = read(file);
            long dashes = text.split("_dash_", -1).length - 1;
            long canonical = text.split(java.util.regex.Pattern.quote(TERRAFORM_NAMING), -1).length - 1;
            assertTrue(canonical > 0 && canonical == dashes,
                    terraform.relativize(file) + " names environment variables another way than " + TERRAFORM_NAMING);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
