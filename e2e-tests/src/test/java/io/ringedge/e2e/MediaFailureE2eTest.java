package io.ringedge.e2e;

import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.testkit.media.WebRtcDevicePeer;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.ringedge.e2e.SippCallTest.ANSWERED;
import static io.ringedge.e2e.SippCallTest.assertEnded;
import static io.ringedge.e2e.SippCallTest.assertSequence;
import static io.ringedge.e2e.SippCallTest.inviteFinalStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls end cleanly when their media dies: both legs get a BYE (SIPp as the PBX waits for its own)
 * and {@code CallEnded} names the cause. Each test runs its own system: one loses its media worker.
 */
class MediaFailureE2eTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    /**
     * Runs SIPp while the test acts as the device. Not the common pool: on a 2-core machine it has
     * one thread, and with SIPp holding it the edge's control calls to the media worker were seen
     * never to complete.
     */
    static final Executor SIPP = Executors.newVirtualThreadPerTaskExecutor();

    private E2eSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noRtpForTheMediaTimeout_endsBothLegs() throws Exception {
        system = E2eSystem.start(5, Map.of("media.media-timeout", "PT2S"));
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            // neither the PBX nor the device sends RTP: the worker's media timeout fires
            CompletableFuture<SippResult> pbx = CompletableFuture.supplyAsync(() -> sippAwaitingBye(system, line), SIPP);
            DeviceCall call = phone.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
            assertTrue(call.media().orElseThrow().awaitConnected(Duration.ofSeconds(10)));

            assertByeOnBothLegs(pbx.get(30, TimeUnit.SECONDS), phone, call);
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertEnded(timeline, EndCause.MEDIA_TIMEOUT, 200);
        }
    }

    @Test
    void mediaWorkerStoppedMidCall_endsBothLegs() throws Exception {
        system = E2eSystem.start(5, Map.of("edge.media.worker-check-interval-ms", "300"));
        E2eSystem.Line line = system.newLine();
        try (TestDevice phone = system.device(line.user(), CallBehaviour.answer(Duration.ofMillis(100)))) {
            CompletableFuture<SippResult> pbx = CompletableFuture.supplyAsync(() -> sippAwaitingBye(system, line), SIPP);
            DeviceCall call = phone.awaitCall(WAIT).awaitState(CallState.CONFIRMED, WAIT);
            WebRtcDevicePeer media = call.media().orElseThrow();
            assertTrue(media.awaitConnected(Duration.ofSeconds(10)));

            system.standalone().mediaWorker().close(); // leaves the registry, its sessions go with it

            assertByeOnBothLegs(pbx.get(30, TimeUnit.SECONDS), phone, call);
            CallTimeline timeline = system.timeline(system.callId(line.did()));
            assertSequence(ANSWERED, timeline);
            assertEnded(timeline, EndCause.MEDIA_WORKER_LOST, 200);
            assertEquals(0, timeline.ended().orElseThrow().media().size(),
                    "a worker that is gone leaves no figures: " + timeline.ended().orElseThrow());
        }
    }

    private static SippResult sippAwaitingBye(E2eSystem system, E2eSystem.Line line) {
        try {
            return system.call(SippScenarios.ANSWER_DEVICE_BYE, SippTransport.UDP,
                    line.did(), Duration.ZERO, Duration.ofSeconds(25));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertByeOnBothLegs(SippResult pbx, TestDevice phone, DeviceCall call) {
        assertTrue(pbx.succeeded(), "the PBX got its BYE: " + pbx.describe());
        assertEquals(200, inviteFinalStatus(pbx), pbx.describe());
        phone.awaitRequest("BYE", WAIT);
        call.awaitState(CallState.TERMINATED, WAIT);
    }
}
