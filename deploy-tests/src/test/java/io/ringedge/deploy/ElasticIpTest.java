package io.ringedge.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElasticIpTest {

    @Test
    void everyEdgeHasAnElasticIpThatOutlivesItsInstance() {
        assertEquals(List.of(), Checks.edgesWithoutElasticIp(ParsedTrees.repository().module("modules/sbc-edge")));
    }

    @Test
    void theStaticIpsHandedToCustomersAreTheElasticIps() {
        TerraformModule edge = ParsedTrees.repository().module("modules/sbc-edge");
        TerraformModule example = ParsedTrees.repository().module("examples/single-region");
        assertTrue(edge.outputs().get("static_ips").path("value").asText().contains("aws_eip.edge"),
                "sbc-edge output static_ips must list the Elastic IPs");
        assertTrue(example.outputs().get("static_ips").path("value").asText().contains("module.sbc_edge.static_ips"),
                "the example must output the edges' static IPs");
    }

    @Test
    void anEdgeGroupWithoutItsElasticIpIsReported() {
        List<String> violations = Checks.edgesWithoutElasticIp(ParsedTrees.fixtures().module("edge-without-eip"));
        assertEquals(List.of(
                "edge-without-eip: aws_autoscaling_group.edge may hold more than one instance per Elastic IP (max_size must be 1)",
                "edge-without-eip: aws_autoscaling_group.edge: its launch template aws_launch_template.edge does not associate the group's own aws_eip.edge at boot",
                "edge-without-eip: no IAM policy lets the edges take over their Elastic IP (ec2:AssociateAddress)"),
                violations);
    }
}
