package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The structural rules the Terraform must keep; each returns the violations it finds, empty when clean. */
final class Checks {

    private static final Set<String> SECRET_WORDS = Set.of("secret", "token", "password", "passphrase", "credential", "credentials");
    private static final Pattern MODULE_OUTPUT = Pattern.compile("(?<![\\w.])module\\.([A-Za-z_][\\w-]*)\\.([A-Za-z_][\\w-]*)");
    /** Meta-arguments of a module call, which are not input variables. */
    private static final Set<String> MODULE_META = Set.of("source", "version", "providers", "count", "for_each", "depends_on");

    private Checks() {
    }

    /** Each var.X used in a module is declared by a variable block of that module. */
    static List<String> undeclaredVariables(TerraformModule module) {
        Set<String> declared = module.variables().keySet();
        List<String> violations = new ArrayList<>();
        for (JsonNode file : module.files()) {
            for (String name : Expressions.references(file, "var")) {
                if (!declared.contains(name)) {
                    violations.add(module.dir() + ": var." + name + " is used but not declared");
                }
            }
        }
        return violations.stream().distinct().toList();
    }

    /**
     * Every edge has an Elastic IP that outlives its instance: each autoscaling group holds at
     * most one instance, is repeated exactly like an aws_eip, and its launch template's user data
     * associates that group's own EIP; the instances may associate addresses; a bare
     * aws_instance needs an aws_eip_association.
     */
    static List<String> edgesWithoutElasticIp(TerraformModule module) {
        List<String> violations = new ArrayList<>();
        List<TerraformModule.Block> eips = module.resources("aws_eip");
        List<TerraformModule.Block> groups = module.resources("aws_autoscaling_group");
        List<TerraformModule.Block> instances = module.resources("aws_instance");
        if (eips.isEmpty()) {
            violations.add(module.dir() + ": no aws_eip at all");
        }
        if (groups.isEmpty() && instances.isEmpty()) {
            violations.add(module.dir() + ": no edge instances (aws_autoscaling_group or aws_instance)");
        }
        for (TerraformModule.Block group : groups) {
            violations.addAll(groupViolations(module, group, eips));
        }
        for (TerraformModule.Block instance : instances) {
            boolean associated = module.resources("aws_eip_association").stream()
                    .anyMatch(a -> a.body().path("instance_id").asText().contains("aws_instance." + instance.name() + "."))
                    || eips.stream().anyMatch(e -> e.body().path("instance").asText().contains("aws_instance." + instance.name() + "."));
            if (!associated) {
                violations.add(module.dir() + ": " + instance.address() + " has no Elastic IP association");
            }
        }
        if (!groups.isEmpty() && module.files().stream().flatMap(f -> Expressions.strings(f).stream())
                .noneMatch(s -> s.contains("ec2:AssociateAddress"))) {
            violations.add(module.dir() + ": no IAM policy lets the edges take over their Elastic IP (ec2:AssociateAddress)");
        }
        return violations;
    }

    private static List<String> groupViolations(TerraformModule module, TerraformModule.Block group, List<TerraformModule.Block> eips) {
        List<String> violations = new ArrayList<>();
        String where = module.dir() + ": " + group.address();
        if (Expressions.resolveInt(group.body().get("max_size"), module).filter(max -> max == 1).isEmpty()) {
            violations.add(where + " may hold more than one instance per Elastic IP (max_size must be 1)");
        }
        Optional<TerraformModule.Block> eip = eips.stream()
                .filter(e -> e.repetition().isPresent() && e.repetition().equals(group.repetition())).findFirst();
        if (eip.isEmpty()) {
            violations.add(where + " is not repeated like any aws_eip (count/for_each " + group.repetition().orElse("none") + ")");
            return violations;
        }
        Matcher template = Pattern.compile("aws_launch_template\\.([\\w-]+)")
                .matcher(group.body().path("launch_template").path(0).path("id").asText());
        Optional<TerraformModule.Block> launchTemplate = template.find()
                ? module.resource("aws_launch_template", template.group(1)) : Optional.empty();
        if (launchTemplate.isEmpty()) {
            violations.add(where + " does not use a launch template of this module");
            return violations;
        }
        Pattern ownEip = Pattern.compile("aws_eip\\." + Pattern.quote(eip.get().name())
                + "\\[(count\\.index|each\\.key)]\\.(allocation_id|id)");
        if (!launchTemplate.get().repetition().equals(group.repetition())
                || !ownEip.matcher(launchTemplate.get().body().path("user_data").asText()).find()) {
            violations.add(where + ": its launch template " + launchTemplate.get().address()
                    + " does not associate the group's own " + eip.get().address() + " at boot");
        }
        return violations;
    }

    /**
     * Every variable is typed and described, and the ones an operator can get wrong in ways AWS
     * only reports halfway through an apply (ports, port ranges, counts, CIDRs, connections)
     * are validated.
     */
    static List<String> undescribedOrUnvalidatedVariables(TerraformModule module) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> variable : module.variables().entrySet()) {
            String name = variable.getKey();
            JsonNode body = variable.getValue();
            String where = module.dir() + ": variable " + name;
            if (body.path("description").asText("").isBlank()) {
                violations.add(where + " has no description");
            }
            if (!body.has("type")) {
                violations.add(where + " has no type");
            }
            boolean needsValidation = name.equals("connections") || name.matches(".*_(port|port_range|count|cidr|tasks)");
            if (needsValidation && body.path("validation").isEmpty()) {
                violations.add(where + " is a port, range, count or CIDR but has no validation");
            }
        }
        return violations;
    }

    /**
     * A variable that holds a secret, or names one, has no default: the operator must supply it.
     * Secret-holding means sensitive or ephemeral, or a name with a word like secret, token or
     * password; a name ending in _version is a write-only rotation counter, not a secret.
     */
    static List<String> secretVariablesWithDefaults(TerraformModule module) {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> variable : module.variables().entrySet()) {
            String name = variable.getKey();
            JsonNode body = variable.getValue();
            List<String> words = List.of(name.toLowerCase().split("_"));
            boolean secret = body.path("sensitive").asBoolean(false) || body.path("ephemeral").asBoolean(false)
                    || words.stream().anyMatch(SECRET_WORDS::contains) || name.toLowerCase().contains("private_key");
            boolean counter = words.get(words.size() - 1).equals("version");
            if (secret && !counter && body.has("default")) {
                violations.add(module.dir() + ": variable " + name + " holds a secret but has a default");
            }
        }
        return violations;
    }

    /**
     * An example's module calls fit the modules: each local source exists, every variable
     * without a default is passed, every argument is a declared variable, and every
     * module.NAME.OUTPUT the example uses is an output of that module.
     */
    static List<String> exampleWiring(TerraformTree tree, TerraformModule example) {
        List<String> violations = new ArrayList<>();
        Map<String, JsonNode> calls = example.moduleCalls();
        for (Map.Entry<String, JsonNode> call : calls.entrySet()) {
            String source = call.getValue().path("source").asText();
            String where = example.dir() + ": module." + call.getKey();
            if (!source.startsWith("./") && !source.startsWith("../")) {
                violations.add(where + " has a non-local source " + source + "; the example must use this repository's modules");
                continue;
            }
            String dir = Path.of(example.dir()).resolve(source).normalize().toString().replace('\\', '/');
            TerraformModule target = tree.modules().get(dir);
            if (target == null) {
                violations.add(where + " points at " + dir + ", which has no .tf files");
                continue;
            }
            Map<String, JsonNode> variables = target.variables();
            variables.forEach((name, body) -> {
                if (!body.has("default") && !call.getValue().has(name)) {
                    violations.add(where + " does not pass " + name + ", which " + dir + " requires (no default)");
                }
            });
            call.getValue().properties().forEach(arg -> {
                if (!MODULE_META.contains(arg.getKey()) && !variables.containsKey(arg.getKey())) {
                    violations.add(where + " passes " + arg.getKey() + ", which " + dir + " does not declare");
                }
            });
        }
        for (JsonNode file : example.files()) {
            for (String s : Expressions.strings(file)) {
                Matcher m = MODULE_OUTPUT.matcher(s);
                while (m.find()) {
                    JsonNode call = calls.get(m.group(1));
                    String where = example.dir() + ": module." + m.group(1) + "." + m.group(2);
                    if (call == null) {
                        violations.add(where + " refers to a module call that does not exist");
                        continue;
                    }
                    String dir = Path.of(example.dir()).resolve(call.path("source").asText()).normalize().toString().replace('\\', '/');
                    TerraformModule target = tree.modules().get(dir);
                    if (target != null && !target.outputs().containsKey(m.group(2))) {
                        violations.add(where + " is used, but " + dir + " has no output " + m.group(2));
                    }
                }
            }
        }
        return violations.stream().distinct().toList();
    }
}
