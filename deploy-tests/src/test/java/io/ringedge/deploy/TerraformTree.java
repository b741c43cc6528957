package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Every .tf file under one directory, parsed to JSON by {@code hcl2json.js}: HashiCorp's
 * HCL parser (npm {@code @cdktf/hcl2json}) run by node, because no terraform binary can be
 * installed here. Files are grouped by directory, each directory being one Terraform module.
 */
record TerraformTree(Path root, Map<String, TerraformModule> modules, Map<String, String> errors) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The deploy-tests module directory: Surefire's basedir, else the working directory. */
    static Path deployTestsDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    static TerraformTree parse(Path root) {
        Path here = deployTestsDir();
        if (!Files.isDirectory(here.resolve("node_modules/@cdktf/hcl2json"))) {
            throw new IllegalStateException("node_modules/@cdktf/hcl2json is missing in " + here
                    + ": run `npm ci` in deploy-tests before the tests (it installs the HCL parser).");
        }
        try {
            Path stderr = Files.createTempFile("hcl2json", ".err");
            Process node;
            try {
                node = new ProcessBuilder("node", here.resolve("hcl2json.js").toString(), root.toString())
                        .directory(here.toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run `node` (is Node.js on the PATH?): " + e.getMessage(), e);
            }
            byte[] out = node.getInputStream().readAllBytes();
            if (!node.waitFor(2, TimeUnit.MINUTES) || node.exitValue() != 0) {
                node.destroyForcibly();
                throw new IllegalStateException("hcl2json.js failed on " + root + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            Files.delete(stderr);
            return fromJson(root, JSON.readTree(out));
        } catch (IOException e) {
            throw new IllegalStateException("reading hcl2json.js output for " + root + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing " + root, e);
        }
    }

    private static TerraformTree fromJson(Path root, JsonNode parsed) {
        Map<String, List<JsonNode>> byDir = new TreeMap<>();
        for (Map.Entry<String, JsonNode> file : parsed.get("files").properties()) {
            byDir.computeIfAbsent(directoryOf(file.getKey()), d -> new ArrayList<>()).add(file.getValue());
        }
        Map<String, TerraformModule> modules = new LinkedHashMap<>();
        byDir.forEach((dir, files) -> modules.put(dir, new TerraformModule(dir, files)));
        Map<String, String> errors = new TreeMap<>();
        for (Map.Entry<String, JsonNode> error : parsed.get("errors").properties()) {
            errors.put(error.getKey(), error.getValue().asText());
        }
        return new TerraformTree(root, modules, errors);
    }

    private static String directoryOf(String relativeFile) {
        int slash = relativeFile.lastIndexOf('/');
        return slash < 0 ? "" : relativeFile.substring(0, slash);
    }

    TerraformModule module(String dir) {
        TerraformModule module = modules.get(dir);
        if (module == null) {
            throw new IllegalArgumentException("no .tf files in " + root.resolve(dir) + " (have: " + modules.keySet() + ")");
        }
        return module;
    }
}
