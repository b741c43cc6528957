package io.ringedge.edge.connection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ConnectionGateTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ConnectionGate gate = new ConnectionGate(1_000, now::get);

    private static Connection trunk(String id, CallLimits limits) {
        return new Connection(id, "tenant", List.of(Cidr.parse("192.0.2.0/24")),
                List.of(new DidRoute(DidPattern.parse("+1*"), "user")), limits);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private CallSlot admitted(ConnectionGate.Entry entry) {
        return assertInstanceOf(ConnectionGate.Entry.Admitted.class, entry).slot();
    }

    private ConnectionGate.Limit refused(ConnectionGate.Entry entry) {
        return assertInstanceOf(ConnectionGate.Entry.Refused.class, entry).limit();
    }

    @Test
    void aConnectionWithoutLimitsIsNeverRefused() {
        Connection open = trunk("open", CallLimits.NONE);
        for (int i = 0; i < 10_000; i++) {
            admitted(gate.enter(open)).release();
        }
        assertEquals(0, gate.held("open"), "nothing is counted for a connection without limits");
    }

    @Test
    void callsPerSecondAllowOneSecondsBurstThenRefillAtTheRate() {
        Connection trunk = trunk("t", new CallLimits(4, 0));
        for (int i = 0; i < 4; i++) {
            admitted(gate.enter(trunk)).release();
        }
        assertEquals(ConnectionGate.Limit.CALLS_PER_SECOND, refused(gate.enter(trunk)));

        advanceMillis(249);
        refused(gate.enter(trunk));
        advanceMillis(1); // 250 ms at 4/s: one call's worth
        admitted(gate.enter(trunk));
        refused(gate.enter(trunk));

        advanceMillis(60_000); // a long quiet spell refills one second's worth, not a minute's
        for (int i = 0; i < 4; i++) {
            admitted(gate.enter(trunk));
        }
        refused(gate.enter(trunk));
    }

    @Test
    void concurrentCallsAreHeldUntilReleasedAndAReleaseCountsOnce() {
        Connection trunk = trunk("t", new CallLimits(0, 2));
        CallSlot first = admitted(gate.enter(trunk));
        CallSlot second = admitted(gate.enter(trunk));
        assertEquals(ConnectionGate.Limit.CONCURRENT_CALLS, refused(gate.enter(trunk)));
        assertEquals(2, gate.held("t"));

        first.release();
        first.release();
        assertEquals(1, gate.held("t"));
        CallSlot third = admitted(gate.enter(trunk));
        refused(gate.enter(trunk));

        second.release();
        third.release();
        assertEquals(0, gate.held("t"));
    }

    @Test
    void aRefusedCallTakesNoPlaceAndNoToken() {
        Connection trunk = trunk("t", new CallLimits(1, 1));
        CallSlot held = admitted(gate.enter(trunk));
        advanceMillis(5_000);
        refused(gate.enter(trunk)); // concurrent limit: the refill is not spent
        held.release();
        admitted(gate.enter(trunk));
    }

    @Test
    void callsBeingSetUpAreBoundedEdgeWideUntilLocatedOrEnded() {
        ConnectionGate small = new ConnectionGate(2, now::get);
        Connection open = trunk("open", CallLimits.NONE);
        CallSlot first = admitted(small.enter(open));
        CallSlot second = admitted(small.enter(open));
        assertEquals(ConnectionGate.Limit.EDGE_OVERLOAD, refused(small.enter(open)));
        assertEquals(2, small.callsInSetup());

        first.located();
        first.located();
        assertEquals(1, small.callsInSetup(), "located counts once");
        CallSlot third = admitted(small.enter(open));
        refused(small.enter(open));

        second.release(); // ended before it was located
        first.release(); // ended after: its setup place was already free
        assertEquals(1, small.callsInSetup());
        third.release();
        assertEquals(0, small.callsInSetup());
    }

    @Test
    void aCallAConnectionLimitRefusesTakesNoSetupPlace() {
        ConnectionGate small = new ConnectionGate(1, now::get);
        Connection busy = trunk("busy", new CallLimits(0, 1));
        CallSlot held = admitted(small.enter(busy));
        held.located();
        assertEquals(ConnectionGate.Limit.CONCURRENT_CALLS, refused(small.enter(busy)));
        assertEquals(0, small.callsInSetup());
        admitted(small.enter(trunk("other", CallLimits.NONE)));
    }

    @Test
    void limitsAreKeptPerConnection() {
        Connection a = trunk("a", new CallLimits(0, 1));
        Connection b = trunk("b", new CallLimits(0, 1));
        admitted(gate.enter(a));
        admitted(gate.enter(b));
        refused(gate.enter(a));
        refused(gate.enter(b));
    }
}
