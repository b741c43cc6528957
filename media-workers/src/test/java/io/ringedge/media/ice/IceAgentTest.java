package io.ringedge.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.stun.StunAttribute;
import io.ringedge.media.stun.StunCredentials;
import io.ringedge.media.stun.StunMessageBuilder;
import io.ringedge.media.stun.StunMessageType;
import io.ringedge.media.stun.StunParseResult;
import io.ringedge.media.stun.StunParser;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two (or one) of our agents on a simulated network with a stepped clock. */
class IceAgentTest {
    private static final IceTiming TIMING = IceTiming.standard(Duration.ofSeconds(5), Duration.ofMillis(200),
            Duration.ofSeconds(1));

    private final SimulatedNetwork net = new SimulatedNetwork();

    @Test
    void controllingAndControlledSelectEachOther() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        startBoth(a, b);

        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));
        assertEquals(b.address, a.agent.selected());
        assertEquals(a.address, b.agent.selected());
        assertEquals(IceRole.CONTROLLING, a.agent.role());
        assertEquals(IceRole.CONTROLLED, b.agent.role());
        assertEquals(0, a.counters.roleConflicts() + b.counters.roleConflicts());
    }

    @Test
    void mediaIsAcceptedFromValidPairsOnly() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        assertFalse(a.agent.acceptsMediaFrom(b.address), "nothing is valid before the checks");
        startBoth(a, b);
        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));

        assertTrue(a.agent.acceptsMediaFrom(b.address));
        assertTrue(b.agent.acceptsMediaFrom(a.address));
        assertFalse(a.agent.acceptsMediaFrom(new java.net.InetSocketAddress("192.0.2.2", 30002)),
                "an address no check succeeded with is not the peer's");
        assertFalse(a.agent.acceptsMediaFrom(new java.net.InetSocketAddress("198.51.100.9", 30000)));
    }

    @Test
    void bothControllingIsSettledByTheTieBreaker() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 5, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLING, 0xF000_0000_0000_0000L, TIMING);
        startBoth(a, b);

        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(3));
        // b's tie-breaker is larger as an unsigned number (negative as a Java long): b keeps control.
        assertEquals(IceRole.CONTROLLED, a.agent.role());
        assertEquals(IceRole.CONTROLLING, b.agent.role());
        assertTrue(a.counters.roleConflicts() + b.counters.roleConflicts() > 0);
        assertEquals(b.address, a.agent.selected());
        assertEquals(a.address, b.agent.selected());
    }

    @Test
    void bothControlledIsSettledByTheTieBreaker() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLED, 900, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 100, TIMING);
        startBoth(a, b);

        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(3));
        assertEquals(IceRole.CONTROLLING, a.agent.role());
        assertEquals(IceRole.CONTROLLED, b.agent.role());
    }

    @Test
    void peerWithHiddenCandidatesIsFoundAsPeerReflexive() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        // b learns only an mDNS name for a, which it must not (and cannot) resolve
        var mdns = IceCandidate.host("1", 1, "4f1c7f52-6c0e-4b8a-9d7e-5a1b2c3d4e5f.local", 20000, 65535);
        a.agent.start(b.agent.localCredentials(), List.of(b.agent.localCandidate()), net.now);
        b.agent.start(a.agent.localCredentials(), List.of(mdns), net.now);

        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));
        assertEquals(a.address, b.agent.selected());
    }

    @Test
    void consentHoldsWhileAnsweredAndIsLostWhenThePeerFallsSilent() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        startBoth(a, b);
        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));

        net.run(Duration.ofSeconds(3)); // three consent timeouts' worth of answered checks
        assertEquals(List.of(), a.events(IceEvent.ConsentLost.class));
        long checksBefore = a.counters.checksSent();
        assertTrue(checksBefore >= 10, "consent checks every ~200 ms, sent " + checksBefore);

        net.lose(d -> d.from().equals(b.address)); // b's process died: no answers any more
        Duration silence = net.runUntil(() -> !a.events(IceEvent.ConsentLost.class).isEmpty(), Duration.ofSeconds(3));
        IceEvent.ConsentLost lost = a.events(IceEvent.ConsentLost.class).getFirst();
        assertEquals(b.address, lost.remote());
        assertTrue(lost.silence().compareTo(Duration.ofSeconds(1)) >= 0, lost.silence().toString());
        assertTrue(silence.compareTo(Duration.ofMillis(1300)) < 0, "lost after " + silence);
        assertNull(a.agent.selected(), "no media toward a peer without consent (RFC 7675 §5.1)");
    }

    @Test
    void malformedAndForgedStunIsDroppedAndCounted() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        startBoth(a, b);
        var attacker = new InetSocketAddress("192.0.2.66", 666);

        byte[] good = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(a.agent.localCredentials().ufrag() + ":x").priority(1)
                .buildWithIntegrity(StunCredentials.shortTermKey(a.agent.localCredentials().pwd()), true);
        byte[] badFingerprint = good.clone();
        badFingerprint[good.length - 1] ^= 1;
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        byte[] oversize = good.clone();
        oversize[22] = (byte) 0xFF; // USERNAME length far past the end
        byte[] wrongKey = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(a.agent.localCredentials().ufrag() + ":x").priority(1)
                .buildWithIntegrity(StunCredentials.shortTermKey("not-the-password-at-all"), true);
        for (byte[] junk : List.of(badFingerprint, truncated, oversize, wrongKey)) {
            net.inject(attacker, a, junk);
        }

        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));
        assertEquals(3, a.counters.malformed());
        assertEquals(1, a.counters.unauthenticated());
        assertEquals(b.address, a.agent.selected(), "the attacker never became a candidate");
    }

    @Test
    void unknownComprehensionRequiredAttributeIsAnswered420() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var client = new InetSocketAddress("192.0.2.77", 777);
        byte[] request = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(a.agent.localCredentials().ufrag() + ":x").attribute(0x0077, new byte[] {1, 2, 3, 4})
                .buildWithIntegrity(StunCredentials.shortTermKey(a.agent.localCredentials().pwd()), true);
        net.inject(client, a, request);
        net.step();

        assertEquals(1, a.counters.unknownAttributes());
        byte[] sent = net.undeliverable.getFirst().data();
        var answer = (StunParseResult.Parsed) StunParser.parse(sent, 0, sent.length);
        assertEquals(420, answer.message().errorCode().orElseThrow().code());
        assertEquals("0077", HexFormat.of().formatHex(answer.message().value(StunAttribute.UNKNOWN_ATTRIBUTES).orElseThrow()));
    }

    @Test
    void iceRestartRunsNewChecksWithNewCredentials() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var b = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        startBoth(a, b);
        net.runUntil(() -> a.selected() && b.selected(), Duration.ofSeconds(2));
        IceCredentials oldA = a.agent.localCredentials();

        IceCredentials newA = IceCredentials.random();
        IceCredentials newB = IceCredentials.random();
        a.agent.restart(newA, newB, List.of(b.agent.localCandidate()), IceRole.CONTROLLING, net.now);
        b.agent.restart(newB, newA, List.of(a.agent.localCandidate()), IceRole.CONTROLLED, net.now);
        assertEquals(b.address, a.agent.selected(), "media keeps its pair during the restart");

        net.runUntil(() -> a.events(IceEvent.Selected.class).size() == 2 && b.events(IceEvent.Selected.class).size() == 2,
                Duration.ofSeconds(2));
        long unauthenticated = a.counters.unauthenticated();
        byte[] stale = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(oldA.ufrag() + ":x").buildWithIntegrity(StunCredentials.shortTermKey(oldA.pwd()), true);
        net.inject(b.address, a, stale);
        net.step();
        assertEquals(unauthenticated + 1, a.counters.unauthenticated(), "old credentials with a stranger's ufrag are not answered");

        // a peer that restarted but paired a new candidate with our old one before our answer came
        // (libwebrtc does): our old ufrag with its new one, under our old password, is still answered
        long answered = a.counters.requestsAnswered();
        byte[] crossed = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(oldA.ufrag() + ":" + newB.ufrag()).priority(1).iceControlled(3)
                .buildWithIntegrity(StunCredentials.shortTermKey(oldA.pwd()), true);
        net.inject(b.address, a, crossed);
        net.step();
        assertEquals(answered + 1, a.counters.requestsAnswered());
        assertEquals(unauthenticated + 1, a.counters.unauthenticated());
    }

    @Test
    void theSideThatOffersARestartControlsTheNewSession_andItsSourcesStayAcceptable() {
        var worker = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        var browser = net.node("192.0.2.2", 30000, IceRole.CONTROLLED, 3, TIMING);
        startBoth(worker, browser);
        net.runUntil(() -> worker.selected() && browser.selected(), Duration.ofSeconds(2));
        IceCredentials oldWorker = worker.agent.localCredentials();
        IceCredentials oldBrowser = browser.agent.localCredentials();

        // the browser offered the restart (RFC 8839 §3.4.2.1): it controls, the worker follows
        IceCredentials newWorker = IceCredentials.random();
        IceCredentials newBrowser = IceCredentials.random();
        browser.agent.restart(newBrowser, newWorker, List.of(worker.agent.localCandidate()), IceRole.CONTROLLING, net.now);
        worker.agent.restart(newWorker, newBrowser, List.of(browser.agent.localCandidate()), IceRole.CONTROLLED, net.now);
        net.runUntil(() -> worker.events(IceEvent.Selected.class).size() == 2
                && browser.events(IceEvent.Selected.class).size() == 2, Duration.ofSeconds(2));
        assertEquals(IceRole.CONTROLLED, worker.agent.role());
        assertEquals(IceRole.CONTROLLING, browser.agent.role());
        assertEquals(0, worker.counters.roleConflicts() + browser.counters.roleConflicts(), "no tie-break needed");

        // libwebrtc goes on using an old-generation pair from another of its addresses for a while:
        // its check there authenticates under the old credentials, and its media is the peer's
        InetSocketAddress otherBrowserAddress = new InetSocketAddress("192.0.2.2", 30002);
        assertFalse(worker.agent.acceptsMediaFrom(otherBrowserAddress));
        byte[] oldGeneration = StunMessageBuilder.withRandomTransactionId(StunMessageType.BINDING_REQUEST)
                .username(oldWorker.ufrag() + ":" + oldBrowser.ufrag()).priority(1).iceControlling(3)
                .buildWithIntegrity(StunCredentials.shortTermKey(oldWorker.pwd()), true);
        long answered = worker.counters.requestsAnswered();
        net.inject(otherBrowserAddress, worker, oldGeneration);
        net.step();
        assertEquals(answered + 1, worker.counters.requestsAnswered());
        assertTrue(worker.agent.acceptsMediaFrom(otherBrowserAddress));
    }

    @Test
    void failsWhenNoPairWorksWithinTheConnectTimeout() {
        var a = net.node("192.0.2.1", 20000, IceRole.CONTROLLING, 7, TIMING);
        a.agent.start(IceCredentials.random(), List.of(IceCandidate.host("1", 1, "192.0.2.99", 4000, 65535)), net.now);

        Duration took = net.runUntil(() -> !a.events(IceEvent.Failed.class).isEmpty(), Duration.ofSeconds(6));
        assertTrue(took.compareTo(Duration.ofSeconds(5)) >= 0, took.toString());
        assertNull(a.agent.selected());
    }

    private void startBoth(SimulatedNetwork.Node a, SimulatedNetwork.Node b) {
        a.agent.start(b.agent.localCredentials(), List.of(b.agent.localCandidate()), net.now);
        b.agent.start(a.agent.localCredentials(), List.of(a.agent.localCandidate()), net.now);
    }
}
