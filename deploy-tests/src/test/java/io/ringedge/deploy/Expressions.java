package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Terraform expressions as hcl2json leaves them: literals stay JSON values, every
 * expression becomes a string wrapped in {@code ${...}}. Enough to find references and to
 * resolve the simple forms ({@code ${var.x}}, {@code ${var.x.attr}}) from variable defaults.
 */
final class Expressions {

    private static final Pattern SOLE_VARIABLE = Pattern.compile("^\\$\\{var\\.([A-Za-z_][\\w-]*)(?:\\.([A-Za-z_][\\w-]*))?}$");

    private Expressions() {
    }

    /** Every string in the tree, object keys included (hcl2json keeps map keys as keys). */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.add(e.getKey());
                collect(e.getValue(), out);
            }
        }
    }

    /** Names referenced as {@code prefix.NAME} (prefix "var", "local", ...) anywhere in the tree. */
    static Set<String> references(JsonNode node, String prefix) {
        Pattern p = Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.([A-Za-z_][\\w-]*)");
        Set<String> names = new LinkedHashSet<>();
        for (String s : strings(node)) {
            Matcher m = p.matcher(s);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** A value that is a literal, or {@code ${var.x}} / {@code ${var.x.attr}} with a default. */
    static Optional<JsonNode> resolve(JsonNode node, TerraformModule module) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            return Optional.of(node);
        }
        String text = node.asText();
        Matcher m = SOLE_VARIABLE.matcher(text);
        if (m.matches()) {
            Optional<JsonNode> value = module.variableDefault(m.group(1));
            return m.group(2) == null ? value : value.map(v -> v.get(m.group(2))).filter(v -> !v.isNull());
        }
        return text.contains("${") ? Optional.empty() : Optional.of(node);
    }

    static Optional<Integer> resolveInt(JsonNode node, TerraformModule module) {
        return resolve(node, module).flatMap(v -> {
            if (v.isNumber()) {
                return Optional.of(v.asInt());
            }
            return v.isTextual() && v.asText().matches("\\d+") ? Optional.of(Integer.parseInt(v.asText())) : Optional.empty();
        });
    }

    /** The strings a value resolves to (a list is flattened), or empty if it cannot be resolved. */
    static Optional<List<String>> resolveStrings(JsonNode node, TerraformModule module) {
        return resolve(node, module).map(v -> {
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> values.add(e.asText()));
            } else {
                values.add(v.asText());
            }
            return values;
        }).filter(values -> values.stream().noneMatch(s -> s.contains("${")));
    }

    /** True if the expression mentions {@code var.NAME}, directly or through locals. */
    static boolean dependsOnVariable(JsonNode node, String variable, TerraformModule module) {
        return dependsOnVariable(node, variable, module.locals(), new LinkedHashSet<>());
    }

    private static boolean dependsOnVariable(JsonNode node, String variable, Map<String, JsonNode> locals, Set<String> seen) {
        if (references(node, "var").contains(variable)) {
            return true;
        }
        for (String local : references(node, "local")) {
            if (seen.add(local) && locals.containsKey(local)
                    && dependsOnVariable(locals.get(local), variable, locals, seen)) {
                return true;
            }
        }
        return false;
    }
}
