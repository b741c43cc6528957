package io.ringedge.edge;

import io.ringedge.edge.sip.CallSignalling;
import io.ringedge.edge.token.MutableClock;
import io.ringedge.edge.token.TokenIssuer;

import io.ringedge.events.DeviceAttached;
import io.ringedge.push.AttachTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.time.Instant;

/** A whole edge on free loopback ports, with in-memory directory and recording publisher. */
public final class EdgeFixture implements AutoCloseable {

    public static final String YAML = """
            edge:
              node-id: %s
              attach-token-key: %s
              sip:
                udp-port: 0
                tcp-port: 0
                ws-port: 0
                internal-port: 0
                max-message-size: 8192
                thread-pool-size: 4
              http:
                port: 0
                admin-api-key: admin-key-for-tests
              token:
                hmac-secret: 0123456789abcdef0123456789abcdef
              registrar:
                min-expires: 60
                max-expires: 3600
                default-expires: 600
              connections:
                - id: trunk-a
                  tenant: tenant-a
                  allowed-sources: [127.0.0.1/32]
                  routes:
                    - did: "+1555123*"
                      user: alice
            """;

    public static final String ATTACH_KEY = Base64.getEncoder()
            .encodeToString("attach-key-for-tests-0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    public final MutableClock clock = new MutableClock(Instant.now());
    public final InMemoryDeviceDirectory directory = new InMemoryDeviceDirectory();
    public final RecordingEventPublisher events = new RecordingEventPublisher();
    public final Edge edge;
    public final TokenIssuer issuer;
    /** Mints attach tokens as the push service does, with the key this edge is configured with. */
    public final AttachTokens attachTokens;
    /** What the registrar announced to the edges holding calls. */
    public final BlockingQueue<DeviceAttached> attached = new LinkedBlockingQueue<>();

    public EdgeFixture(String nodeId, Edge.CallSide calls) throws Exception {
        EdgeConfig config = EdgeConfig.from(EdgeConfigTest.yaml(YAML.formatted(nodeId, ATTACH_KEY)));
        edge = Edge.start(config, directory, events, calls, new MemoryUsedTokens(), (a, flowId, contact) -> attached.add(a), clock);
        attachTokens = new AttachTokens(Base64.getDecoder().decode(ATTACH_KEY), clock);
        issuer = new TokenIssuer(config.token().key(), clock);
    }

    /** Reads an edge configuration from YAML text, as the edge reads its files. */
    public static EdgeConfig config(String yaml) {
        return EdgeConfig.from(EdgeConfigTest.yaml(yaml));
    }

    public String token(String tenant, String user, String device) {
        return issuer.mint(tenant, user, device, Duration.ofMinutes(5)).token();
    }

    /** An edge whose call side is the given one, ignoring the stack. */
    public static EdgeFixture with(String nodeId, CallSignalling calls) throws Exception {
        return new EdgeFixture(nodeId, (stack, flows, responder) -> calls);
    }

    @Override
    public void close() {
        edge.close();
    }
}
