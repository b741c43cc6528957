package io.ringedge.edge.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Applies each connection's {@link CallLimits} to the INVITEs it admitted: a token bucket for new
 * calls per second and a count of calls held. Thread-safe; the work per INVITE is one short lock
 * on that connection's state, none for a connection without limits.
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
        /** {@link CallLimits#callsPerSecond()}: clears within a second. */
        CALLS_PER_SECOND,
        /** {@link CallLimits#concurrentCalls()}: clears when one of the connection's calls ends. */
        CONCURRENT_CALLS
    }

    private final LongSupplier nanoClock;
    private final Map<String, Trunk> trunks = new ConcurrentHashMap<>();

    public ConnectionGate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public ConnectionGate() {
        this(System::nanoTime);
    }

    public Entry enter(Connection connection) {
        CallLimits limits = connection.limits();
        if (limits.equals(CallLimits.NONE)) {
            return new Entry.Admitted(CallSlot.NONE);
        }
        Trunk trunk = trunks.computeIfAbsent(connection.id(), id -> new Trunk(limits, nanoClock.getAsLong()));
        return trunk.enter(connection.id(), nanoClock.getAsLong());
    }

    /** Calls held now by {@code connectionId} (counted only for connections with limits). */
    public int held(String connectionId) {
        Trunk trunk = trunks.get(connectionId);
        if (trunk == null) {
            return 0;
        }
        synchronized (trunk) {
            return trunk.held;
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

        synchronized Entry enter(String id, long now) {
            if (limits.concurrentCalls() > 0 && held >= limits.concurrentCalls()) {
                return new Entry.Refused(Limit.CONCURRENT_CALLS,
                        "connection " + id + ": " + limits.concurrentCalls() + " concurrent calls");
            }
            if (limits.callsPerSecond() > 0) {
                // each elapsed nanosecond adds callsPerSecond nano-calls, capped at one second's worth
                long elapsed = Math.max(0, now - refilledAt);
                tokens = Math.min(depth(), tokens + Math.min(elapsed, SECOND) * limits.callsPerSecond());
                refilledAt = now;
                if (tokens < SECOND) {
                    return new Entry.Refused(Limit.CALLS_PER_SECOND,
                            "connection " + id + ": " + limits.callsPerSecond() + " calls per second");
                }
                tokens -= SECOND;
            }
            held++;
            AtomicBoolean released = new AtomicBoolean();
            return new Entry.Admitted(() -> {
                if (released.compareAndSet(false, true)) {
                    synchronized (this) {
                        held--;
                    }
                }
            });
        }
    }
}
