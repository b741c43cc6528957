package io.ringedge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.testkit.CallTimeline;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edge's softphone page in real headless Chromium, logged in with a token from the edge's API,
 * registered over the edge's WebSocket, called by SIPp as the PBX: what a user sees and does on
 * the page (caller shown, decline), what the PBX gets, and the call's events on Kafka.
 */
class SoftphoneTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static E2eSystem system;
    static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        system = E2eSystem.start(20);
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (system != null) {
                system.close();
            }
        }
    }

    BrowserPhone registeredPhone(E2eSystem.Line line, String device) {
        BrowserPhone phone = BrowserPhone.open(chromium, system.httpPort(), system.token(line.user(), device));
        phone.awaitStatus("registered", WAIT);
        return phone;
    }

    @Test
    void logsInWithATokenAndRegisters() {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = registeredPhone(line, "web-login")) {
            assertEquals("registered", phone.text("#status"));
            assertFalse(phone.visible("#login"), "the login form goes once registered");
            assertFalse(phone.visible("#incoming"));
        }
    }

    @Test
    void aPastedTokenLogsInToo() {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.openLoggedOut(chromium, system.httpPort())) {
            assertEquals("logged-out", phone.status());
            assertTrue(phone.visible("#login"));
            phone.page().eval("document.querySelector('#token').value = "
                    + BrowserPhone.quote(system.token(line.user(), "web-paste")));
            phone.page().click("#login button");
            phone.awaitStatus("registered", WAIT);
        }
    }

    @Test
    void aBadTokenIsRefusedWithAReason() {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = BrowserPhone.openLoggedOut(chromium, system.httpPort())) {
            phone.page().eval("phone.login('not a token')");
            assertEquals("failed", phone.status());
            assertTrue(phone.error().startsWith("bad token"), phone.error());

            // well formed, but its signature is not the edge's: the registrar answers 401
            String token = system.token(line.user(), "web-forged");
            String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
            phone.page().eval("phone.login(" + BrowserPhone.quote(forged) + ")");
            phone.awaitStatus("failed", WAIT);
            assertTrue(phone.error().contains("401"), phone.error());
            assertTrue(phone.text("#status").contains("401"), "the user sees why: " + phone.text("#status"));
        }
    }

    @Test
    void ringsShowingTheCallerAndTheUserDeclines() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = registeredPhone(line, "web-decline");
             SippProcess pbx = system.startCall(SippScenarios.EXPECT_DECLINE_603, line.did(), Duration.ZERO, WAIT)) {
            phone.awaitCallState("ringing", WAIT);
            assertTrue(phone.visible("#incoming"), "the incoming call panel shows");
            assertEquals("PBX <+15550100>", phone.text("#caller"), "the caller as SIPp's From names it");

            phone.decline();

            SippResult result = pbx.awaitResult();
            assertTrue(result.succeeded(), result.describe());
            assertEquals(603, SippCallTest.inviteFinalStatus(result), result.describe());
            phone.awaitCallState("ended", WAIT);
            JsonNode ended = phone.history().get(0);
            assertEquals("local", ended.get("originator").asText(), ended.toString());
            assertEquals("Rejected", ended.get("cause").asText(), ended.toString());
            assertFalse(phone.visible("#incoming"), "the panel goes when the call ends");

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertSequence(List.of("CallOffered", "DevicesLocated", "CallRinging", "CallEnded"), timeline);
            SippCallTest.assertEnded(timeline, EndCause.DECLINED, 603);
        }
    }

    @Test
    void stopsRingingWhenThePbxCancels() throws Exception {
        E2eSystem.Line line = system.newLine();
        try (BrowserPhone phone = registeredPhone(line, "web-cancel");
             SippProcess pbx = system.startCall(SippScenarios.CANCEL, line.did(), Duration.ofMillis(1500), WAIT)) {
            phone.awaitCallState("ringing", WAIT);

            SippResult result = pbx.awaitResult();
            assertTrue(result.succeeded(), result.describe());
            assertEquals(487, SippCallTest.inviteFinalStatus(result), result.describe());
            phone.awaitCallState("ended", WAIT);
            JsonNode ended = phone.history().get(0);
            assertEquals("remote", ended.get("originator").asText(), ended.toString());
            assertEquals("Canceled", ended.get("cause").asText(), ended.toString());

            CallTimeline timeline = system.timeline(system.callId(line.did()));
            SippCallTest.assertEnded(timeline, EndCause.CALLER_CANCELLED, 487);
        }
    }
}
