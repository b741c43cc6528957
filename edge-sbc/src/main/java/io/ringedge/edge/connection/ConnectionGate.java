package io.ringedge.edge.connection;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Admission control for the INVITEs the connections admitted: the edge's own bound on calls being
 * set up (overload), then each connection's {@link CallLimits} (a token bucket for new calls per
 * second and a count of calls held). Thread-safe; the work per INVITE is an atomic add and one
 * short lock on that connection's state, none for a connection without limits.
 *
 * <p>Calls being set up are those accepted but not yet located: the device-locator's answer is the
 * first thing a new call waits for, so when the edge (or Kafka, or the locator) falls behind, this
 * is where calls pile up. Past the bound new calls get 503 with Retry-After at once, so a PBX
 * tries another edge (RFC 3263) rather than waiting seconds for a 180 that comes too late, and the
 * calls already admitted keep their latency.
 */
public final class ConnectionGate {

    /** What the gate decided for one INVITE. */
    public sealed interface Entry {

        /** The call may proceed; it holds {@code slot} until it ends. */
        record Admitted(CallSlot slot) implements Entry {
        }

        /** Over a limit: answer 503, with Retry-After when waiting helps. */
        record Refused(Limit limit, String reason) implements Entry {
        }
    }

    public enum Limit {
        /** The edge's bound on calls being set up: clears as the backlog drains. */
        EDGE_OVERLOAD,
        /** {@link CallLimits#callsPerSecond()}: clears within a second. */
        CALLS_PER_SECOND,
        /** {@link CallLimits#concurrentCalls()}: clears when one of the connection's calls ends. */
        CONCURRENT_CALLS
    }

    private final int maxCallsInSetup;
    private final LongSupplier nanoClock;
    private final AtomicInteger inSetup = new AtomicInteger();
    private final Map<String, Trunk> trunks = new ConcurrentHashMap<>();

    /** @param maxCallsInSetup calls accepted and not yet located, beyond which new ones are refused */
    public ConnectionGate(int maxCallsInSetup, LongSupplier nanoClock) {
        if (maxCallsInSetup < 1) {
            throw new IllegalArgumentException("maxCallsInSetup must be at least 1, was " + maxCallsInSetup);
        }
        this.maxCallsInSetup = maxCallsInSetup;
        this.nanoClock = nanoClock;
    }

    public ConnectionGate(int maxCallsInSetup) {
        this(maxCallsInSetup, System::nanoTime);
    }

    public Entry enter(Connection connection) {
        if (inSetup.incrementAndGet() > maxCallsInSetup) {
            inSetup.decrementAndGet();
            return new Entry.Refused(Limit.EDGE_OVERLOAD, maxCallsInSetup + " calls waiting to be located");
        }
        CallLimits limits = connection.limits();
        if (limits.equals(CallLimits.NONE)) {
            return new Entry.Admitted(new Slot(Optional.empty()));
        }
        Trunk trunk = trunks.computeIfAbsent(connection.id(), id -> new Trunk(limits, nanoClock.getAsLong()));
        Optional<Limit> over = trunk.enter(nanoClock.getAsLong());
        if (over.isPresent()) {
            inSetup.decrementAndGet();
            return new Entry.Refused(over.get(), "connection " + connection.id() + ": " + switch (over.get()) {
                case CALLS_PER_SECOND -> limits.callsPerSecond() + " calls per second";
                default -> limits.concurrentCalls() + " concurrent calls";
            });
        }
        return new Entry.Admitted(new Slot(Optional.of(trunk)));
    }

    /** Calls accepted and not yet located or ended. */
    public int callsInSetup() {
        return inSetup.get();
    }

    /** Calls held now by {@code connectionId} (counted only for connections with limits). */
    public int held(String connectionId) {
        Trunk trunk = trunks.get(connectionId);
        return trunk == null ? 0 : trunk.held();
    }

    private final class Slot implements CallSlot {
        private final Optional<Trunk> trunk;
        private final AtomicBoolean located = new AtomicBoolean();
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(Optional<Trunk> trunk) {
            this.trunk = trunk;
        }

        @Override
        public void located() {
            if (located.compareAndSet(false, true)) {
                inSetup.decrementAndGet();
            }
        }

        @Override
        public void release() {
            located();
            if (released.compareAndSet(false, true)) {
                trunk.ifPresent(Trunk::leave);
            }
        }
    }

    private static final class Trunk {
        private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

        private final CallLimits limits;
        /** Tokens in nano-call units (1 call = {@link #SECOND}), so refill needs no division. */
        private long tokens;
        private long refilledAt;
        private int held;

        Trunk(CallLimits limits, long now) {
            this.limits = limits;
            this.tokens = depth();
            this.refilledAt = now;
        }

        private long depth() {
            return (long) limits.callsPerSecond() * SECOND;
        }

        /** Takes a token and a place, or names the limit in the way; a refused call takes neither. */
        synchronized Optional<Limit> enter(long now) {
            if (limits.concurrentCalls() > 0 && held >= limits.concurrentCalls()) {
                return Optional.of(Limit.CONCURRENT_CALLS);
            }
            if (limits.callsPerSecond() > 0) {
                // each elapsed nanosecond adds callsPerSecond nano-calls, capped at one second's worth
                long elapsed = Math.max(0, now - refilledAt);
                tokens = Math.min(depth(), tokens + Math.min(elapsed, SECOND) * limits.callsPerSecond());
                refilledAt = now;
                if (tokens < SECOND) {
                    return Optional.of(Limit.CALLS_PER_SECOND);
                }
                tokens -= SECOND;
            }
            held++;
            return Optional.empty();
        }

        synchronized void leave() {
            held--;
        }

        synchronized int held() {
            return held;
        }
    }
}
