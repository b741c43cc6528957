package io.ringedge.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One source for who may call: the sbc-edge module writes the edge's admission table
 * ({@code edge.connections}, read from the --config file) from the same {@code connections}
 * variable its SIP firewall rules come from ({@link SipFirewallTest}), with every field the
 * edge's reader reads per connection, and the edge container is started with that file.
 */
class EdgeConnectionsTest {

    private static final Path ROOT = ConfigReference.repositoryRoot();
    private static final Pattern FIELD_READ = Pattern.compile("\\.get\\(\"([a-z][a-z-]*)\"\\)");
    /** {@code cat > PATH <<'END'} / {@code ${name}} / {@code END}: a template writing one value to a file. */
    private static final Pattern FILE_FROM_VALUE = Pattern.compile(
            "cat > (\\S+) <<'(\\w+)'\\n\\$\\{(\\w+)}\\n\\2\\n");

    private final TerraformModule edge = ParsedTrees.repository().module("modules/sbc-edge");

    /** The fields the edge reads for each connection and route: id, tenant, allowed-sources, routes, did, ... */
    static Set<String> connectionFieldsTheEdgeReads() {
        String reader = ConfigReference.read(ROOT.resolve(ConfigReference.EDGE_READER));
        int from = reader.indexOf("private ConnectionTable connections()");
        int routes = reader.indexOf("private List<DidRoute> routes(");
        assertTrue(from >= 0 && routes > from, "EdgeConfigReader reads connections() and routes()");
        int to = reader.indexOf("\n    }\n", routes);
        Set<String> fields = new TreeSet<>();
        Matcher m = FIELD_READ.matcher(reader.substring(from, to));
        while (m.find()) {
            fields.add(m.group(1));
        }
        fields.remove("connections");
        return fields;
    }

    private Map.Entry<String, JsonNode> connectionsFileLocal() {
        return edge.locals().entrySet().stream()
                .filter(e -> e.getValue().asText().contains("jsonencode(") || e.getValue().asText().contains("yamlencode("))
                .filter(e -> Expressions.dependsOnVariable(e.getValue(), "connections", edge))
                .findFirst().orElseThrow(() -> new AssertionError(
                        "sbc-edge: no local encodes the edge's --config file from var.connections"));
    }

    @Test
    void theEdgesAdmissionTableIsEncodedFromConnectionsWithEveryFieldTheEdgeReads() {
        String file = connectionsFileLocal().getValue().asText();
        String type = edge.variables().get("connections").path("type").asText();
        assertTrue(file.matches("(?s).*edge\\s*=\\s*\\{\\s*connections\\s*=.*for\\s+\\w+\\s*,\\s*\\w+\\s+in\\s+var\\.connections.*"),
                "the file holds edge.connections, one per entry of var.connections: " + file);
        Set<String> fields = connectionFieldsTheEdgeReads();
        assertTrue(fields.containsAll(Set.of("id", "tenant", "allowed-sources", "routes", "did", "regex", "user")), fields.toString());
        Set<String> missing = new TreeSet<>();
        for (String field : fields) {
            boolean written = file.contains("\"" + field + "\"");
            boolean passedThrough = Pattern.compile("\\b" + Pattern.quote(field) + "\\s*=").matcher(type).find();
            if (!written && !passedThrough) {
                missing.add(field);
            }
        }
        assertEquals(Set.of(), missing, "fields the edge reads per connection that the Terraform never writes");
    }

    @Test
    void theEdgeIsStartedWithThatFile() {
        String local = connectionsFileLocal().getKey();
        String instances = ConfigReference.read(ROOT.resolve("terraform/modules/sbc-edge/instances.tf"));
        Matcher passed = Pattern.compile("(\\w+)\\s*=\\s*local\\." + local + "\\b").matcher(instances);
        assertTrue(passed.find(), "sbc-edge: templatefile() is not passed local." + local);
        String template = ConfigReference.read(ROOT.resolve("terraform/modules/sbc-edge/user-data.sh.tftpl"));
        String path = null;
        Matcher written = FILE_FROM_VALUE.matcher(template);
        while (written.find()) {
            if (written.group(3).equals(passed.group(1))) {
                path = written.group(1);
            }
        }
        assertNotNull(path, "the user data does not write ${" + passed.group(1) + "} to a file");
        assertTrue(template.contains("-v " + path + ":" + path + ":ro"), "the file is not mounted into the container");
        assertTrue(template.contains("--config " + path), "the edge is not started with --config " + path);
        assertFalse(template.contains("--config " + path + " \\\n  '"), "--config must follow the image, as the service's arguments");
    }

    @Test
    void theExampleHandsTheSameConnectionsToTheEdgesAndTheMediaWorkersFirewall() {
        TerraformModule example = ParsedTrees.repository().module("examples/single-region");
        JsonNode edges = example.moduleCalls().get("sbc_edge");
        JsonNode media = example.moduleCalls().get("media_workers");
        assertEquals("${var.connections}", edges.path("connections").asText());
        String toMedia = media.path("connections").asText();
        assertTrue(toMedia.contains("var.connections") && toMedia.contains(".cidrs"),
                "media workers' PBX RTP rules come from the connections' CIDRs: " + toMedia);
    }
}
