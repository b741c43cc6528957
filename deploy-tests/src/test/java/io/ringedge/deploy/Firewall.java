package io.ringedge.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The firewall policy of the issue: SIP (5060 UDP/TCP, 5061 TLS, RFC 3261 §18 and §26.2.1)
 * and the PBX-facing RTP range are reachable only from the customers' PBX CIDRs listed in
 * {@code connections}; nothing opens them to the whole internet.
 */
final class Firewall {

    static final List<PortRange> STANDARD_SIP = List.of(
            new PortRange("udp", 5060, 5060), new PortRange("tcp", 5060, 5060), new PortRange("tcp", 5061, 5061));

    private Firewall() {
    }

    /** The standard SIP ports plus the SIP ports and PBX RTP range the module's variables default to. */
    static List<PortRange> protectedPorts(TerraformModule module) {
        List<PortRange> ports = new ArrayList<>(STANDARD_SIP);
        ports.addAll(sipPorts(module));
        pbxRtpRange(module).ifPresent(ports::add);
        return ports;
    }

    static List<PortRange> sipPorts(TerraformModule module) {
        List<PortRange> ports = new ArrayList<>();
        port(module, "sip_udp_port", "udp").ifPresent(ports::add);
        port(module, "sip_tcp_port", "tcp").ifPresent(ports::add);
        port(module, "sip_tls_port", "tcp").ifPresent(ports::add);
        return ports;
    }

    static Optional<PortRange> pbxRtpRange(TerraformModule module) {
        return module.variableDefault("pbx_port_range")
                .filter(d -> d.has("from") && d.has("to"))
                .map(d -> new PortRange("udp", d.get("from").asInt(), d.get("to").asInt()));
    }

    private static Optional<PortRange> port(TerraformModule module, String variable, String protocol) {
        return module.variableDefault(variable).filter(d -> d.isNumber())
                .map(d -> new PortRange(protocol, d.asInt(), d.asInt()));
    }

    /** Rules in any of the modules that let 0.0.0.0/0 or ::/0 reach a SIP port or a PBX RTP range of any of them. */
    static List<String> openToTheWorld(Collection<TerraformModule> modules) {
        List<PortRange> guarded = new ArrayList<>();
        modules.forEach(m -> guarded.addAll(protectedPorts(m)));
        List<String> violations = new ArrayList<>();
        for (TerraformModule module : modules) {
            for (IngressRule rule : IngressRule.of(module)) {
                List<String> world = rule.worldCidrs();
                PortRange ports = rule.ports();
                guarded.stream().filter(ports::overlaps).findFirst().filter(g -> !world.isEmpty()).ifPresent(g ->
                        violations.add(rule + " opens " + ports + " (SIP/PBX RTP " + g + ") to " + world));
            }
        }
        return violations;
    }

    /** CIDR rules of the module that reach SIP or PBX RTP ports but are not generated from connections. */
    static List<String> notFromConnections(TerraformModule module) {
        List<PortRange> guarded = protectedPorts(module);
        List<String> violations = new ArrayList<>();
        for (IngressRule rule : IngressRule.of(module)) {
            PortRange ports = rule.ports();
            if (!rule.cidrs().isEmpty() && guarded.stream().anyMatch(ports::overlaps) && !rule.generatedFromConnections()) {
                violations.add(rule + " admits CIDRs to " + ports + " that do not come from var.connections");
            }
        }
        return violations;
    }

    /** Each required port range must be opened by some rule generated from connections. */
    static List<String> missingConnectionRules(TerraformModule module, List<PortRange> required) {
        List<IngressRule> generated = IngressRule.of(module).stream().filter(IngressRule::generatedFromConnections).toList();
        List<String> violations = new ArrayList<>();
        for (PortRange need : required) {
            if (generated.stream().noneMatch(r -> r.ports().covers(need))) {
                violations.add(module.dir() + ": no rule generated from var.connections opens " + need);
            }
        }
        return violations;
    }
}
