package io.ringedge.runtime.observe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The media worker's meters, read at each scrape from the totals the worker keeps over its
 * sessions (ended ones included, so the counters only grow). Label values are small fixed sets:
 * {@code leg} is {@code pbx} or {@code device}, {@code mode} {@code transcode} or
 * {@code pass_through}, {@code cause} a session failure cause ({@code media-timeout},
 * {@code ice-failed}, ...) or why the worker refused an offer or answer ({@code no-capacity}, ...).
 */
public final class MediaMeters {

    /** The legs every per-leg meter reports, even before the first packet. */
    public static final List<String> LEGS = List.of("pbx", "device");
    /** The media modes every per-mode meter reports. */
    public static final List<String> MODES = List.of("transcode", "pass_through");

    /**
     * One leg's packets over every session: RTP received and sent, lost on the way in (RTCP
     * cumulative number of packets lost, RFC 3550 §6.4.1) and datagrams dropped (garbage, failed
     * SRTP authentication or replay, wrong source).
     */
    public record Leg(long packetsReceived, long packetsSent, long packetsLost, long dropped) {
        public static final Leg NONE = new Leg(0, 0, 0, 0);

        public Leg plus(Leg other) {
            return new Leg(packetsReceived + other.packetsReceived, packetsSent + other.packetsSent,
                    packetsLost + other.packetsLost, dropped + other.dropped);
        }
    }

    /**
     * The worker's sessions at a moment.
     *
     * @param active        sessions open now
     * @param activeByMode  open sessions the device answered, by media mode
     * @param created       sessions ever created
     * @param answeredByMode sessions ever answered, by media mode
     * @param failedByCause sessions that failed, and offers or answers refused, by cause
     * @param legs          per leg ({@link #LEGS}), the packet totals
     */
    public record Totals(long active, Map<String, Long> activeByMode, long created, Map<String, Long> answeredByMode,
                         Map<String, Long> failedByCause, Map<String, Leg> legs) {
        public Totals {
            activeByMode = Map.copyOf(activeByMode);
            answeredByMode = Map.copyOf(answeredByMode);
            failedByCause = Map.copyOf(failedByCause);
            legs = Map.copyOf(legs);
        }
    }

    private MediaMeters() {
    }

    /** Registers the media meters; {@code totals} is asked at each scrape and must not block for long. */
    public static void register(MeterRegistry registry, Supplier<Totals> totals) {
        registry.gauge("ringedge_media_sessions", "Media sessions open on this worker", () -> totals.get().active());
        registry.gauge("ringedge_media_sessions_by_mode",
                "Open media sessions the device answered, transcoded or passed through", List.of("mode"),
                () -> byMode(totals.get().activeByMode()));
        registry.counter("ringedge_media_sessions_created_total", "Media sessions created",
                () -> totals.get().created());
        registry.counter("ringedge_media_sessions_answered_total",
                "Media sessions the device answered, by mode (transcode, pass_through)", List.of("mode"),
                () -> byMode(totals.get().answeredByMode()));
        registry.counter("ringedge_media_sessions_failed_total",
                "Media sessions that failed, and offers or answers refused, by cause", List.of("cause"),
                () -> labelled(totals.get().failedByCause()));
        perLeg(registry, totals, "ringedge_media_packets_received_total", "RTP packets received, by leg",
                Leg::packetsReceived);
        perLeg(registry, totals, "ringedge_media_packets_sent_total", "RTP packets sent, by leg", Leg::packetsSent);
        perLeg(registry, totals, "ringedge_media_packets_lost_total",
                "RTP packets lost on the way to this worker (RTCP cumulative lost), by leg; with received, the loss ratio",
                Leg::packetsLost);
        perLeg(registry, totals, "ringedge_media_packets_dropped_total",
                "Datagrams dropped (garbage, failed SRTP authentication or replay, wrong source), by leg",
                Leg::dropped);
    }

    private static void perLeg(MeterRegistry registry, Supplier<Totals> totals, String name, String help,
                               Function<Leg, Long> figure) {
        registry.counter(name, help, List.of("leg"), () -> {
            Map<String, Leg> legs = totals.get().legs();
            return LEGS.stream().collect(Collectors.toMap(List::of, leg -> figure.apply(legs.getOrDefault(leg, Leg.NONE))));
        });
    }

    /** One label per entry; every mode is reported, 0 until it happens, so dashboards need no absent(). */
    private static Map<List<String>, Long> byMode(Map<String, Long> byValue) {
        Map<List<String>, Long> out = new HashMap<>();
        MODES.forEach(mode -> out.put(List.of(mode), 0L));
        byValue.forEach((mode, n) -> out.put(List.of(mode), n));
        return out;
    }

    private static Map<List<String>, Long> labelled(Map<String, Long> byValue) {
        return byValue.entrySet().stream().collect(Collectors.toMap(e -> List.of(e.getKey()), Map.Entry::getValue));
    }
}
