package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipFirewallTest {

    private final TerraformTree tree = ParsedTrees.repository();

    @Test
    void noRuleOpensSipOrPbxRtpToTheWorld() {
        assertEquals(List.of(), Firewall.openToTheWorld(tree.modules().values()));
    }

    @Test
    void sipRulesAreGeneratedFromConnections() {
        TerraformModule edge = tree.module("modules/sbc-edge");
        List<PortRange> sip = Firewall.sipPorts(edge);
        assertEquals(3, sip.size(), "sbc-edge declares sip_udp_port, sip_tcp_port and sip_tls_port with defaults");
        assertEquals(List.of(), Firewall.notFromConnections(edge));
        assertEquals(List.of(), Firewall.missingConnectionRules(edge, sip));
    }

    @Test
    void pbxRtpRulesAreGeneratedFromConnections() {
        TerraformModule media = tree.module("modules/media-workers");
        PortRange pbx = Firewall.pbxRtpRange(media).orElseThrow(() -> new AssertionError("media-workers has no pbx_port_range default"));
        assertEquals(List.of(), Firewall.notFromConnections(media));
        assertEquals(List.of(), Firewall.missingConnectionRules(media, List.of(pbx)));
    }

    @Test
    void noModuleAdmitsCidrsToSipOrPbxRtpOutsideConnections() {
        List<String> violations = tree.modules().values().stream()
                .flatMap(m -> Firewall.notFromConnections(m).stream()).toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void wssAndTheDeviceIceRangeAreOpenToTheWorld() {
        TerraformModule edge = tree.module("modules/sbc-edge");
        TerraformModule media = tree.module("modules/media-workers");
        var deviceRange = media.variableDefault("device_port_range").orElseThrow();
        PortRange ice = new PortRange("udp", deviceRange.get("from").asInt(), deviceRange.get("to").asInt());
        assertTrue(IngressRule.of(edge).stream().anyMatch(r -> !r.worldCidrs().isEmpty() && r.ports().covers(new PortRange("tcp", 443, 443))),
                "sbc-edge must open TCP 443 (WSS) to the world");
        assertTrue(IngressRule.of(media).stream().anyMatch(r -> !r.worldCidrs().isEmpty() && r.ports().covers(ice)),
                "media-workers must open the device (ICE) range " + ice + " to the world");
        assertFalse(ice.overlaps(Firewall.pbxRtpRange(media).orElseThrow()), "device and PBX ranges must not overlap");
    }

    @Test
    void sipOrRtpOpenToTheWorldIsReportedHoweverItIsWritten() {
        TerraformTree fixtures = ParsedTrees.fixtures();
        assertEquals(List.of("sip-open-to-world: aws_security_group_rule.sip opens udp 5060 (SIP/PBX RTP udp 5060) to [0.0.0.0/0]"),
                Firewall.openToTheWorld(List.of(fixtures.module("sip-open-to-world"))));
        assertEquals(List.of("sip-inline-ipv6: aws_security_group.edge.ingress[0] opens tcp 5061 (SIP/PBX RTP tcp 5061) to [::/0]"),
                Firewall.openToTheWorld(List.of(fixtures.module("sip-inline-ipv6"))));
        assertEquals(List.of("rtp-open-via-variable: aws_vpc_security_group_ingress_rule.pbx_rtp opens udp 10000-19999 (SIP/PBX RTP udp 10000-19999) to [0.0.0.0/0]"),
                Firewall.openToTheWorld(List.of(fixtures.module("rtp-open-via-variable"))));
    }

    @Test
    void sipRulesNotGeneratedFromConnectionsAreReported() {
        TerraformModule fixture = ParsedTrees.fixtures().module("sip-not-from-connections");
        assertEquals(List.of("sip-not-from-connections: aws_vpc_security_group_ingress_rule.sip_udp admits CIDRs to udp 5060 that do not come from var.connections"),
                Firewall.notFromConnections(fixture));
        assertEquals(List.of(
                "sip-not-from-connections: no rule generated from var.connections opens udp 5060",
                "sip-not-from-connections: no rule generated from var.connections opens tcp 5060",
                "sip-not-from-connections: no rule generated from var.connections opens tcp 5061"),
                Firewall.missingConnectionRules(fixture, Firewall.STANDARD_SIP));
    }
}
