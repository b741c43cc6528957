package io.ringedge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * templatefile() calls and their templates agree: every name a template interpolates is
 * passed by the call, and every name passed is used. Terraform reports the first at plan
 * time only, and never the second; the user data is where the service configuration goes.
 */
final class Templates {

    private static final Pattern CALL = Pattern.compile("templatefile\\(\"\\$\\{path\\.module}/([^\"]+)\",\\s*\\{");
    private static final Pattern SEGMENT = Pattern.compile("(?<!\\$)[$%]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern LOOP = Pattern.compile("^\\s*for\\s+(\\w+)\\s*(?:,\\s*(\\w+))?\\s+in\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)(?!\\w|\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("for", "in", "if", "else", "endif", "endfor", "true", "false", "null");

    private Templates() {
    }

    static List<String> mismatches(TerraformTree tree, TerraformModule module) {
        List<String> violations = new ArrayList<>();
        for (var file : module.files()) {
            for (String expression : Expressions.strings(file)) {
                Matcher call = CALL.matcher(expression);
                while (call.find()) {
                    Set<String> passed = argumentNames(expression, call.end() - 1);
                    Path template = tree.root().resolve(module.dir()).resolve(call.group(1));
                    Set<String> used = namesUsedBy(read(template));
                    String where = module.dir() + "/" + call.group(1);
                    used.stream().filter(n -> !passed.contains(n))
                            .forEach(n -> violations.add(where + " uses " + n + ", which templatefile() does not pass"));
                    passed.stream().filter(n -> !used.contains(n))
                            .forEach(n -> violations.add(where + " is passed " + n + " but never uses it"));
                }
            }
        }
        return violations;
    }

    /** Top-level attribute names of the object literal that opens at {@code start}. */
    private static Set<String> argumentNames(String expression, int start) {
        Set<String> names = new LinkedHashSet<>();
        int depth = 0;
        for (String line : expression.substring(start).split("\n")) {
            if (depth == 1) {
                Matcher m = Pattern.compile("^\\s*([A-Za-z_]\\w*)\\s*=").matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
            for (char c : line.toCharArray()) {
                depth += c == '{' || c == '[' || c == '(' ? 1 : c == '}' || c == ']' || c == ')' ? -1 : 0;
            }
            if (depth <= 0) {
                break;
            }
        }
        return names;
    }

    /** Free names in the template's ${...} and %{...} segments: not functions, keywords or loop variables. */
    static Set<String> namesUsedBy(String template) {
        Map<String, Boolean> names = new LinkedHashMap<>();
        Set<String> loopVariables = new LinkedHashSet<>();
        Matcher segment = SEGMENT.matcher(template);
        while (segment.find()) {
            String body = segment.group(1).replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replace("~", "");
            Matcher loop = LOOP.matcher(body);
            if (loop.find()) {
                loopVariables.add(loop.group(1));
                if (loop.group(2) != null) {
                    loopVariables.add(loop.group(2));
                }
                body = body.substring(loop.end());
            }
            Matcher id = IDENTIFIER.matcher(body);
            while (id.find()) {
                names.put(id.group(1), true);
            }
        }
        Set<String> free = new LinkedHashSet<>(names.keySet());
        free.removeAll(KEYWORDS);
        free.removeAll(loopVariables);
        return free;
    }

    private static String read(Path template) {
        try {
            return Files.readString(template);
        } catch (IOException e) {
            throw new UncheckedIOException("templatefile() names " + template + ", which cannot be read", e);
        }
    }
}
