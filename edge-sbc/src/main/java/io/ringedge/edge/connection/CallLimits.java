package io.ringedge.edge.connection;

/**
 * What one connection (PBX trunk) may ask of the edge: new calls per second and calls at once.
 * Zero means no limit. Calls over a limit are refused before any routing work, so one customer's
 * burst or runaway dialler cannot take the capacity every other trunk shares.
 *
 * @param callsPerSecond  sustained new calls per second; a burst of up to one second's worth is let
 *                        through at once (token bucket of that depth)
 * @param concurrentCalls calls of this connection held at the same time, ringing or answered
 */
public record CallLimits(int callsPerSecond, int concurrentCalls) {

    public static final CallLimits NONE = new CallLimits(0, 0);

    public CallLimits {
        if (callsPerSecond < 0 || concurrentCalls < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
