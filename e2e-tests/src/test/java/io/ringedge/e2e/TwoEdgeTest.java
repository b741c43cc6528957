package io.ringedge.e2e;

import io.helidon.config.Config;
import io.ringedge.edge.EdgeService;
import io.ringedge.edge.sip.Ingress;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallOffered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.runtime.ConfigLoader;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second edge node ("edge-2", its own process wiring via {@link EdgeService#start(Config)}: its
 * own Redis connection and Kafka publisher) beside the standalone system's "edge-1", sharing its
 * Kafka and Redis. Edge-2's only connection admits 127.0.0.2, so SIPp on 127.0.0.1 is a source no
 * connection there admits.
 */
class TwoEdgeTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static E2eSystem system;
    static EdgeService edgeB;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(SippCallTest.RING_TIMEOUT_SECONDS);
        Path file = system.dir().resolve("edge-2.yaml");
        Files.writeString(file, E2eSystem.connectionsYaml("edge-2")
                .replace("[\"" + E2eSystem.PBX_SOURCE + "\", \"::1/128\"]", "[\"127.0.0.2/32\", \"::2/128\"]"));
        Map<String, String> overrides = new java.util.LinkedHashMap<>(E2eSystem.overrides(system.dir(), SippCallTest.RING_TIMEOUT_SECONDS));
        overrides.put("kafka.bootstrap-servers", system.bootstrapServers());
        overrides.put("redis.uri", system.standalone().config().get("redis.uri").asString().get());
        Config config = ConfigLoader.load("ringedge-defaults.yaml", Optional.of(file), overrides);
        edgeB = EdgeService.start(config);
        assertTrue(edgeB.awaitReady(Duration.ofSeconds(30)), "edge-2 consumes the locator's answers");
        assertEquals(List.of("127.0.0.2/32", "0:0:0:0:0:0:0:2/128"), edgeB.edge().config().connections().connections()
                .getFirst().allowedSources().stream().map(Object::toString).toList(), "edge-2 admits only 127.0.0.2 and ::2");
    }

    @AfterAll
    static void stop() {
        if (edgeB != null) {
            edgeB.close();
        }
        if (system != null) {
            system.close();
        }
    }

    /** Default deny: a source no connection admits gets 403 and the call never reaches routing. */
    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void forbiddenSource(SippTransport transport) throws Exception {
        E2eSystem.Line line = system.newLine();
        int port = edgeB.edge().sip().port(transport == SippTransport.UDP ? Ingress.UDP : Ingress.TCP);
        SippResult pbx = Sipp.run(SippRun.uac(SippScenarios.resolve(SippScenarios.EXPECT_FORBIDDEN_403), "127.0.0.1", port)
                .withTransport(transport).withService(line.did()).withTimeout(WAIT));

        assertTrue(pbx.succeeded(), pbx.describe());
        assertEquals(403, SippCallTest.inviteFinalStatus(pbx), pbx.describe());
        system.awaitEventsFlushed();
        assertEquals(List.of(), CallOffers.now(system.bootstrapServers(), line.did()), "no call offered from a forbidden source");
    }

    /**
     * The PBX calls edge-1; the user's only device is attached to edge-2. Edge-1 reaches it through
     * edge-2 (edge-to-edge SIP naming the target WebSocket flow); the call is answered and hung up.
     */
    @Test
    void callAcrossTwoEdgeNodes() throws Exception {
        E2eSystem.Line line = system.newLine();
        URI wsB = URI.create("ws://127.0.0.1:" + edgeB.edge().sip().port(Ingress.WS));
        try (TestDevice phone = system.device(wsB, line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            SippResult pbx = system.call(SippScenarios.ANSWER_PBX_BYE, SippTransport.UDP, line.did(), Duration.ofMillis(300), WAIT);

            String callId = system.callId(line.did());
            CallTimeline timeline = system.timeline(callId);
            assertEquals("edge-1", timeline.first(CallOffered.class).orElseThrow().edgeNode());
            List<DevicesLocated.AttachedDevice> attached = timeline.first(DevicesLocated.class).orElseThrow().attached();
            assertEquals(1, attached.size(), timeline.toString());
            assertEquals("edge-2", attached.getFirst().edgeNode(), "the device is located on edge-2");

            assertTrue(pbx.succeeded(), pbx.describe() + "\n" + timeline);
            assertEquals(200, SippCallTest.inviteFinalStatus(pbx), pbx.describe());
            phone.awaitCall(WAIT).awaitState(CallState.TERMINATED, WAIT);
            SippCallTest.assertSequence(SippCallTest.ANSWERED, timeline);
            SippCallTest.assertEnded(timeline, EndCause.CALLER_HANGUP, 200);
        }
    }
}
