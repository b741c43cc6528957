package io.ringedge.runtime.observe;

import java.util.function.LongSupplier;

/**
 * The media worker's meters. The worker passes what it already tracks: its live sessions and
 * the packets its receivers counted as lost (RTCP cumulative number of packets lost,
 * RFC 3550 §6.4.1, summed over sessions, ended ones included).
 *
 * <p>Hook: media-workers calls this from its main with its session table once the worker runs
 * as its own process (MediaWorkerMain); until then no process registers these meters.
 */
public final class MediaMeters {

    private MediaMeters() {
    }

    public static void register(MeterRegistry registry, LongSupplier activeSessions, LongSupplier packetsLost,
                                LongSupplier packetsReceived) {
        registry.gauge("ringedge_media_sessions", "Media sessions open on this worker", activeSessions::getAsLong);
        registry.counter("ringedge_media_packets_lost_total",
                "RTP packets lost on the way to this worker (RTCP cumulative lost)", packetsLost);
        registry.counter("ringedge_media_packets_received_total",
                "RTP packets this worker received; with lost, gives the loss ratio", packetsReceived);
    }
}
