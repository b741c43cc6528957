package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Terraform module: the parsed JSON of the .tf files of one directory, merged. */
final class TerraformModule {

    /** A resource (or data source) block: {@code type.name { body }}. */
    record Block(String type, String name, JsonNode body) {
        String address() {
            return type + "." + name;
        }

        /** The count or for_each expression, if any, as written. */
        Optional<String> repetition() {
            JsonNode n = body.has("count") ? body.get("count") : body.get("for_each");
            return Optional.ofNullable(n).map(JsonNode::asText);
        }
    }

    private final String dir;
    private final List<JsonNode> files;

    TerraformModule(String dir, List<JsonNode> files) {
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    String dir() {
        return dir;
    }

    List<JsonNode> files() {
        return files;
    }

    /** Variable name to its block body. */
    Map<String, JsonNode> variables() {
        return namedBlocks("variable");
    }

    /** Output name to its block body. */
    Map<String, JsonNode> outputs() {
        return namedBlocks("output");
    }

    /** Module call name to its block body (source and arguments). */
    Map<String, JsonNode> moduleCalls() {
        return namedBlocks("module");
    }

    /** Local name to its value expression. */
    Map<String, JsonNode> locals() {
        Map<String, JsonNode> locals = new LinkedHashMap<>();
        for (JsonNode file : files) {
            for (JsonNode block : file.path("locals")) {
                block.properties().forEach(e -> locals.put(e.getKey(), e.getValue()));
            }
        }
        return locals;
    }

    List<Block> resources() {
        List<Block> blocks = new ArrayList<>();
        for (JsonNode file : files) {
            for (Map.Entry<String, JsonNode> type : file.path("resource").properties()) {
                for (Map.Entry<String, JsonNode> named : type.getValue().properties()) {
                    for (JsonNode body : named.getValue()) {
                        blocks.add(new Block(type.getKey(), named.getKey(), body));
                    }
                }
            }
        }
        return blocks;
    }

    List<Block> resources(String type) {
        return resources().stream().filter(b -> b.type().equals(type)).toList();
    }

    Optional<Block> resource(String type, String name) {
        return resources(type).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The default of a variable, if it is declared with one. */
    Optional<JsonNode> variableDefault(String name) {
        return Optional.ofNullable(variables().get(name)).map(v -> v.get("default"));
    }

    private Map<String, JsonNode> namedBlocks(String kind) {
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        for (JsonNode file : files) {
            for (Map.Entry<String, JsonNode> named : file.path(kind).properties()) {
                blocks.put(named.getKey(), named.getValue().get(0));
            }
        }
        return blocks;
    }
}
