package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One way in through a security group, whichever way it is written: an
 * {@code aws_security_group_rule} of type ingress, an {@code aws_vpc_security_group_ingress_rule},
 * or an inline (or dynamic) {@code ingress} block of an {@code aws_security_group}.
 *
 * @param cidrs      the CIDR expressions (IPv4 and IPv6) as written; empty when the source is
 *                   another security group
 * @param repetition the for_each (or count) that generates the rule, if any
 */
record IngressRule(String address, TerraformModule module, JsonNode protocol, JsonNode fromPort, JsonNode toPort,
                   List<JsonNode> cidrs, Optional<JsonNode> repetition) {

    static List<IngressRule> of(TerraformModule module) {
        List<IngressRule> rules = new ArrayList<>();
        for (TerraformModule.Block b : module.resources()) {
            JsonNode body = b.body();
            Optional<JsonNode> repetition = Optional.ofNullable(body.has("for_each") ? body.get("for_each") : body.get("count"));
            switch (b.type()) {
                case "aws_security_group_rule" -> {
                    if ("ingress".equals(body.path("type").asText())) {
                        rules.add(new IngressRule(b.address(), module, body.get("protocol"), body.get("from_port"),
                                body.get("to_port"), cidrs(body, "cidr_blocks", "ipv6_cidr_blocks"), repetition));
                    }
                }
                case "aws_vpc_security_group_ingress_rule" -> rules.add(new IngressRule(b.address(), module,
                        body.get("ip_protocol"), body.get("from_port"), body.get("to_port"),
                        cidrs(body, "cidr_ipv4", "cidr_ipv6"), repetition));
                case "aws_security_group" -> {
                    int i = 0;
                    for (JsonNode in : body.path("ingress")) {
                        rules.add(inline(b.address() + ".ingress[" + i++ + "]", module, in, Optional.empty()));
                    }
                    for (JsonNode dynamic : body.path("dynamic").path("ingress")) {
                        for (JsonNode content : dynamic.path("content")) {
                            rules.add(inline(b.address() + ".dynamic.ingress", module, content,
                                    Optional.ofNullable(dynamic.get("for_each"))));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return rules;
    }

    private static IngressRule inline(String address, TerraformModule module, JsonNode in, Optional<JsonNode> repetition) {
        return new IngressRule(address, module, in.get("protocol"), in.get("from_port"), in.get("to_port"),
                cidrs(in, "cidr_blocks", "ipv6_cidr_blocks"), repetition);
    }

    private static List<JsonNode> cidrs(JsonNode body, String... fields) {
        List<JsonNode> cidrs = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                value.forEach(cidrs::add);
            } else {
                cidrs.add(value);
            }
        }
        return cidrs;
    }

    /**
     * The ports the rule admits. Anything not written as a literal or a variable with a
     * default counts as every port: a rule has to be provably harmless.
     */
    PortRange ports() {
        String proto = Expressions.resolve(protocol, module).map(p -> p.asText().toLowerCase(Locale.ROOT)).orElse("-1");
        String normalized = switch (proto) {
            case "tcp", "6" -> "tcp";
            case "udp", "17" -> "udp";
            case "-1", "all" -> PortRange.ANY;
            default -> proto;
        };
        if (normalized.equals(PortRange.ANY)) {
            return PortRange.any(); // AWS ignores the ports of an all-protocols rule
        }
        Optional<Integer> from = Expressions.resolveInt(fromPort, module);
        Optional<Integer> to = Expressions.resolveInt(toPort, module);
        return from.isPresent() && to.isPresent()
                ? new PortRange(normalized, from.get(), to.get())
                : new PortRange(normalized, 0, 65535);
    }

    /** CIDRs that open the rule to every address ({@code /0}), resolved through variable defaults. */
    List<String> worldCidrs() {
        List<String> world = new ArrayList<>();
        for (JsonNode cidr : cidrs) {
            Optional<List<String>> resolved = Expressions.resolveStrings(cidr, module);
            if (resolved.isPresent()) {
                resolved.get().stream().filter(c -> c.trim().endsWith("/0")).forEach(world::add);
            } else if (cidr.asText().contains("0.0.0.0/0") || cidr.asText().contains("::/0")) {
                world.add(cidr.asText());
            }
        }
        return world;
    }

    /**
     * True when the rule's sources come from var.connections: it is generated by a for_each over
     * that variable (directly or through locals) and each CIDR is the iteration's own value.
     */
    boolean generatedFromConnections() {
        if (cidrs.isEmpty() || repetition.isEmpty()
                || !Expressions.dependsOnVariable(repetition.get(), "connections", module)) {
            return false;
        }
        return cidrs.stream().allMatch(c -> c.asText().matches("^\\$\\{(each|ingress)\\.(value|key)(\\.[\\w-]+)?}$"));
    }

    @Override
    public String toString() {
        return module.dir() + ": " + address;
    }
}
