package io.ringedge.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * One rate step of the benchmark.
 *
 * @param offeredRate calls/s SIPp was asked for
 * @param calls       calls SIPp was asked to place ({@code rate x step})
 * @param successful  calls SIPp counted as successful (the whole scenario played); -1 when unknown
 * @param failed      calls SIPp counted as failed; -1 when unknown
 * @param wall        how long SIPp ran, from start to its last call's end
 * @param ringing     INVITE sent to 180 received
 * @param answered    INVITE sent to 200 received
 * @param runDir      SIPp's traces for this step
 * @param loadAverage the machine's 1-minute load average when the step ended
 * @param systemCpu   CPU time the system's JVM and its children (Redis) used during the step
 * @param devicesCpu  CPU time the load devices' JVM used during the step
 * @param started     when SIPp started, so events on Kafka can be matched to their step
 */
public record StepResult(int offeredRate, int calls, long successful, long failed, Duration wall,
                         Percentiles ringing, Percentiles answered, String runDir,
                         double loadAverage, Duration systemCpu, Duration devicesCpu, Instant started) {

    /** The bar: at least 99.9 % of the offered calls complete. */
    public static final double SUSTAINED = 0.999;

    /** Successful calls over calls offered: a call SIPp never completed counts as a failure. */
    public double successRatio() {
        return successful < 0 ? 0 : (double) successful / calls;
    }

    /** CPU milliseconds per offered call: what one call costs a process. */
    public double cpuMillisPerCall(Duration cpu) {
        return (double) cpu.toMillis() / calls;
    }

    /** Whether {@code time} falls while this step's SIPp ran. */
    public boolean during(Instant time) {
        return !time.isBefore(started) && time.isBefore(started.plus(wall));
    }

    public boolean sustained() {
        return successRatio() >= SUSTAINED;
    }
}
