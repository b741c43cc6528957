package io.ringedge.edge.sip;

import io.ringedge.edge.connection.ConnectionGate;
import io.ringedge.edge.EdgeConfig;
import io.ringedge.edge.connection.CallLimits;
import io.ringedge.edge.connection.Cidr;
import io.ringedge.edge.connection.Connection;
import io.ringedge.edge.connection.ConnectionTable;
import io.ringedge.edge.connection.DidPattern;
import io.ringedge.edge.connection.DidRoute;
import io.ringedge.edge.sip.ws.FlowTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.header.AllowHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real PBX-side jain-sip stack sends to a real edge stack over loopback UDP and TCP. One edge and
 * one PBX for the class (stacks take seconds to stop); counters are compared as deltas.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipDispatcherTest {

    static final EdgeConfig.Sip SIP = new EdgeConfig.Sip("127.0.0.1", "127.0.0.1", 0, 0, 0, 0, Optional.empty(),
            8_192, 4);

    private EdgeSipStack edge;
    private TestUa pbx;
    private RecordingCallSignalling calls;
    private final BlockingQueue<InboundRequest> registers = new LinkedBlockingQueue<>();
    private final RejectCounters counters = new RejectCounters();

    @BeforeAll
    void start() throws Exception {
        edge = EdgeSipStack.start("edge-t", SIP, new FlowTable(), counters);
        calls = new RecordingCallSignalling(new Responder(edge.messages()), 486);
        ConnectionTable connections = new ConnectionTable(List.of(
                new Connection("trunk-a", "tenant-a", List.of(Cidr.parse("127.0.0.1/32")),
                        List.of(new DidRoute(DidPattern.parse("+1555123*"), "alice"))),
                new Connection("trunk-far", "tenant-b", List.of(Cidr.parse("10.0.0.0/8")),
                        List.of(new DidRoute(DidPattern.parse("+1999*"), "bob"))),
                new Connection("trunk-one-call", "tenant-c", List.of(Cidr.parse("127.0.0.1/32")),
                        List.of(new DidRoute(DidPattern.parse("+1777*"), "carol")), new CallLimits(0, 1)),
                new Connection("trunk-one-per-second", "tenant-d", List.of(Cidr.parse("127.0.0.1/32")),
                        List.of(new DidRoute(DidPattern.parse("+1888*"), "dave")), new CallLimits(1, 0))));
        edge.setListener(new SipDispatcher(edge, new FlowTable(), connections, new ConnectionGate(1_000), registers::add, calls, counters,
                SIP.maxMessageSize()));
        pbx = new TestUa();
    }

    @BeforeEach
    void clear() {
        calls.offers.clear();
        registers.clear();
        before = counters.snapshot();
    }

    private java.util.Map<RejectCounters.Reason, Long> before;

    private long added(RejectCounters.Reason r) {
        return counters.count(r) - before.get(r);
    }

    @AfterAll
    void stop() {
        pbx.close();
        edge.close();
    }

    private String target(String user, String transport) {
        Ingress ingress = transport.equals("UDP") ? Ingress.UDP : Ingress.TCP;
        return "sip:" + user + "@127.0.0.1:" + edge.port(ingress) + ";transport=" + transport.toLowerCase();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void routedInviteCrossesTheSeamWithItsRoute(String transport) throws Exception {
        Response r = pbx.send(pbx.request(Request.INVITE, target("+15551230001", transport), transport));

        assertEquals(486, r.getStatusCode(), "the recording call side answers 486");
        var offer = calls.offers.poll(1, TimeUnit.SECONDS);
        assertNotNull(offer);
        assertEquals("alice", offer.route().userId());
        assertEquals("tenant-a", offer.route().connection().tenantId());
        assertEquals(transport.equals("UDP") ? Ingress.UDP : Ingress.TCP, offer.invite().ingress());
        assertEquals("127.0.0.1", offer.invite().source().getAddress().getHostAddress());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void inviteFromASourceNoConnectionAdmitsIs403AndNeverRouted(String transport) throws Exception {
        try (TestUa stranger = new TestUa("127.0.0.2")) {
            Response r = stranger.send(stranger.request(Request.INVITE, target("+15551230001", transport), transport));

            assertEquals(403, r.getStatusCode());
            assertTrue(calls.offers.isEmpty());
            assertEquals(1, added(RejectCounters.Reason.FORBIDDEN_SOURCE));
            Response ping = stranger.send(stranger.request(Request.OPTIONS, target("ping", transport), transport));
            assertEquals(403, ping.getStatusCode(), "OPTIONS does not reveal the edge to strangers either");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void unknownDidIs404AndNeverReachesTheCallSide(String transport) throws Exception {
        Response r = pbx.send(pbx.request(Request.INVITE, target("+4420000000", transport), transport));

        assertEquals(404, r.getStatusCode());
        assertTrue(calls.offers.isEmpty());
        assertEquals(1, added(RejectCounters.Reason.UNKNOWN_DID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void didOfAConnectionThatDoesNotAdmitTheSourceIs404NotItsRoute(String transport) throws Exception {
        // +1999 belongs to trunk-far (10/8); a 127.0.0.1 source is trunk-a, which does not route it.
        Response r = pbx.send(pbx.request(Request.INVITE, target("+19995550000", transport), transport));

        assertEquals(404, r.getStatusCode());
        assertTrue(calls.offers.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void aConnectionAtItsConcurrentCallLimitGets503UntilOneOfItsCallsEnds(String transport) throws Exception {
        assertEquals(486, pbx.send(pbx.request(Request.INVITE, target("+17770000001", transport), transport)).getStatusCode());
        var held = calls.offers.poll(1, TimeUnit.SECONDS);
        assertNotNull(held, "the first call is within the limit");

        Response over = pbx.send(pbx.request(Request.INVITE, target("+17770000002", transport), transport));
        assertEquals(503, over.getStatusCode());
        assertEquals("Concurrent Call Limit Reached", over.getReasonPhrase());
        assertNull(over.getHeader(RetryAfterHeader.NAME), "no Retry-After: the PBX should try its next route now");
        assertTrue(calls.offers.isEmpty(), "refused before routing");
        assertEquals(1, added(RejectCounters.Reason.CONCURRENT_CALL_LIMIT));
        Response otherTrunk = pbx.send(pbx.request(Request.INVITE, target("+15551230001", transport), transport));
        assertEquals(486, otherTrunk.getStatusCode(), "another connection's calls are not affected");
        calls.offers.clear();

        held.slot().release();
        held.slot().release(); // a second release must not free a second place
        assertEquals(486, pbx.send(pbx.request(Request.INVITE, target("+17770000003", transport), transport)).getStatusCode());
        var next = calls.offers.poll(1, TimeUnit.SECONDS);
        assertNotNull(next, "the ended call's place is free again");
        assertEquals(503, pbx.send(pbx.request(Request.INVITE, target("+17770000004", transport), transport)).getStatusCode(),
                "one place, not two, after a double release");
        next.slot().release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void aConnectionOverItsCallsPerSecondGets503WithRetryAfter(String transport) throws Exception {
        Thread.sleep(1_100); // the other transport's run emptied the shared bucket: let it refill
        Response refused = null;
        int admitted = 0;
        for (int i = 0; i < 10 && refused == null; i++) {
            Response r = pbx.send(pbx.request(Request.INVITE, target("+1888000000" + i, transport), transport));
            if (r.getStatusCode() == 503) {
                refused = r;
            } else {
                admitted++;
            }
        }
        assertNotNull(refused, "ten INVITEs back to back exceed one call per second");
        assertTrue(admitted >= 1, "the bucket starts full");
        assertEquals("Call Rate Limit Reached", refused.getReasonPhrase());
        assertEquals(1, ((RetryAfterHeader) refused.getHeader(RetryAfterHeader.NAME)).getRetryAfter());
        assertEquals(1, added(RejectCounters.Reason.CALL_RATE_LIMIT));
        calls.offers.forEach(offer -> offer.slot().release());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void optionsFromAnAdmittedPbxGets200WithAllow(String transport) throws Exception {
        Response r = pbx.send(pbx.request(Request.OPTIONS, target("ping", transport), transport));

        assertEquals(200, r.getStatusCode());
        assertTrue(((AllowHeader) r.getHeader(AllowHeader.NAME)).getMethod().contains("INVITE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void unknownMethodIs501(String transport) throws Exception {
        Response r = pbx.send(pbx.request("FROBNICATE", target("x", transport), transport));

        assertEquals(501, r.getStatusCode());
        assertEquals(1, added(RejectCounters.Reason.UNKNOWN_METHOD));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "TCP"})
    void registerFromAPbxListenerIs403(String transport) throws Exception {
        Response r = pbx.send(pbx.request(Request.REGISTER, target("alice", transport), transport));

        assertEquals(403, r.getStatusCode());
        assertTrue(registers.isEmpty());
    }
}
