package io.ringedge.testkit.sipp;

import io.ringedge.testkit.sip.SipRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Validates every PBX scenario of the e2e suite by running it, with SIPp, against a SIPp UAS on
 * loopback, over UDP and TCP, and checks the transaction rules the edge will rely on from the
 * UAS's own trace: CANCEL and the ACK for a non-2xx reuse the INVITE's branch, the ACK for a 2xx
 * does not.
 */
class SippScenariosTest {

    private static final String DID = "+15551230001";

    @BeforeAll
    static void needsSipp() {
        assumeTrue(Sipp.isInstalled(), "sipp not on PATH (apt-get install sip-tester): SIPp scenario validation skipped");
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (SippTransport t : SippTransport.values()) {
            out.add(Arguments.of(SippScenarios.ANSWER_PBX_BYE, "uas-answer.xml", t, 200));
            out.add(Arguments.of(SippScenarios.ANSWER_DEVICE_BYE, "uas-answer-send-bye.xml", t, 200));
            out.add(Arguments.of(SippScenarios.CANCEL, "uas-ring-wait-cancel.xml", t, 487));
            for (int status : new int[] {486, 480, 603, 403, 404}) {
                out.add(Arguments.of("pbx-expect-" + status + ".xml", "uas-reject-" + status + ".xml", t, status));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} vs {1} over {2}")
    @MethodSource("pairs")
    void pbxScenarioCompletesAgainstAUas(String pbx, String uas, SippTransport transport, int finalStatus)
            throws IOException {
        Result r = call(pbx, uas, transport, 1, Duration.ofMillis(100));
        assertTrue(r.pbx.succeeded(), r.pbx.describe());
        assertTrue(r.uas.succeeded(), r.uas.describe());
        assertEquals(1, r.pbx.successfulCalls(), r.pbx.describe());
        assertEquals(0, r.pbx.failedCalls(), r.pbx.describe());

        List<SippTrace.Entry> seen = r.uas.messages().stream().filter(e -> !e.sent()).toList();
        SipRequest invite = request(seen, "INVITE");
        assertEquals("sip:" + DID + "@127.0.0.1:" + r.uasPort, invite.uri(), "-s sets the DID");
        assertTrue(invite.body().contains("RTP/AVP 0 8"), "SDP offer with PCMU and PCMA");
        assertEquals(transport.name(), invite.topVia().transport());
        String inviteBranch = invite.topVia().branch().orElseThrow();
        assertTrue(inviteBranch.startsWith("z9hG4bK"));
        SipRequest ack = request(seen, "ACK");
        if (finalStatus == 200) {
            // RFC 3261 section 13.2.2.4: the ACK for a 2xx is its own transaction
            assertNotEquals(inviteBranch, ack.topVia().branch().orElseThrow());
            assertTrue(ack.to().tag().isPresent());
            assertTrue(seen.stream().anyMatch(e -> e.isRequest("BYE")) || r.pbx.messages().stream()
                    .anyMatch(e -> !e.sent() && e.isRequest("BYE")), "a BYE ended the call");
        } else {
            // RFC 3261 section 17.1.1.3: the ACK for a non-2xx belongs to the INVITE transaction
            assertEquals(inviteBranch, ack.topVia().branch().orElseThrow());
            assertEquals(invite.cseq().seq(), ack.cseq().seq());
            assertTrue(ack.to().tag().isPresent(), "ACK To carries the response's tag");
        }
        if (pbx.equals(SippScenarios.CANCEL)) {
            SipRequest cancel = request(seen, "CANCEL");
            assertEquals(inviteBranch, cancel.topVia().branch().orElseThrow(), "RFC 3261 section 9.1");
            assertEquals(invite.uri(), cancel.uri());
            assertFalse(cancel.to().tag().isPresent());
        }
    }

    static Stream<Arguments> loads() {
        return Stream.of(SippTransport.values()).flatMap(t -> Stream.of(
                Arguments.of(SippScenarios.LOAD, "uas-answer-send-bye.xml", t),
                Arguments.of(SippScenarios.LOAD_PBX_BYE, "uas-answer.xml", t)));
    }

    @ParameterizedTest(name = "{0} vs {1} over {2}")
    @MethodSource("loads")
    void loadScenarioRunsAtARateAndReportsResponseTimes(String pbx, String uas, SippTransport transport)
            throws IOException {
        int calls = 20;
        Result r = call(pbx, uas, transport, calls, Duration.ofMillis(50));
        assertTrue(r.pbx.succeeded(), r.pbx.describe());
        assertEquals(calls, r.pbx.successfulCalls(), r.pbx.describe());
        assertEquals(calls, r.pbx.responseTimes("ringing").size(), "one INVITE->180 sample per call");
        assertEquals(calls, r.pbx.responseTimes("answered").size(), "one INVITE->200 sample per call");
    }

    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void aScenarioFailsWhenTheStatusIsNotTheExpectedOne(SippTransport transport) throws IOException {
        Result r = call(SippScenarios.EXPECT_BUSY_486, "uas-reject-603.xml", transport, 1, Duration.ZERO);
        assertFalse(r.pbx.succeeded());
        assertEquals(1, r.pbx.exitCode(), r.pbx.describe());
        assertEquals(1, r.pbx.failedCalls(), r.pbx.describe());
        assertTrue(r.pbx.errorLog().contains("603"), r.pbx.errorLog());
    }

    private record Result(SippResult pbx, SippResult uas, int uasPort) {
    }

    private static Result call(String pbx, String uas, SippTransport transport, int calls, Duration hold)
            throws IOException {
        try (SippProcess peer = Sipp.start(SippRun.uas(SippScenarios.resolve(uas), 0).withTransport(transport)
                .withCalls(calls).withHold(hold).withTimeout(Duration.ofSeconds(20)))) {
            peer.awaitListening(Duration.ofSeconds(5));
            SippResult caller = Sipp.run(SippRun.uac(SippScenarios.resolve(pbx), "127.0.0.1", peer.localPort())
                    .withTransport(transport).withService(DID).withCalls(calls).withRate(20).withHold(hold)
                    .withTimeout(Duration.ofSeconds(15)));
            if (!caller.succeeded()) {
                peer.close(); // a call the caller abandoned would keep the UAS waiting until its timeout
            }
            return new Result(caller, peer.stop(), peer.localPort());
        }
    }

    private static SipRequest request(List<SippTrace.Entry> entries, String method) {
        return entries.stream().filter(e -> e.isRequest(method)).map(e -> (SipRequest) e.message()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " in the UAS trace"));
    }
}
