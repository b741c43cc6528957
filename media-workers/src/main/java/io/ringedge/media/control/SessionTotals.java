package io.ringedge.media.control;

import io.ringedge.runtime.observe.MediaMeters;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The worker's media totals for its meters: what ended sessions counted, kept here when they are
 * deleted, plus what the open ones count now. {@link MediaSessions} moves a session from open to
 * ended and takes a snapshot under this object's monitor, so a scrape sees every session exactly
 * once and the counters never go down (Prometheus would read a drop as a restart).
 */
final class SessionTotals {

    /** What one session counts now: its state, mode, failure cause and both legs' packets. */
    record Figures(String mode, String failureCause, MediaMeters.Leg pbx, MediaMeters.Leg device) {

        static Figures of(MediaStatus status, String mode) {
            return new Figures(mode, cause(status.failure()), leg(status.pbx()), leg(status.device()));
        }

        /** {@code <cause>: <detail>} → the cause: a small fixed set, fit for a label. */
        private static String cause(String failure) {
            if (failure == null) {
                return null;
            }
            int colon = failure.indexOf(':');
            return colon < 0 ? failure : failure.substring(0, colon);
        }

        private static MediaMeters.Leg leg(SessionStats.Media media) {
            return media == null ? MediaMeters.Leg.NONE
                    : new MediaMeters.Leg(media.packetsReceived(), media.packetsSent(), media.packetsLost(), media.dropped());
        }
    }

    private final AtomicLong created = new AtomicLong();
    private final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refused = new ConcurrentHashMap<>();
    // guarded by this: changed only together with the open-session table
    private final Map<String, Long> endedFailures = new HashMap<>();
    private MediaMeters.Leg endedPbx = MediaMeters.Leg.NONE;
    private MediaMeters.Leg endedDevice = MediaMeters.Leg.NONE;

    void created() {
        created.incrementAndGet();
    }

    /** An offer or answer the worker refused ({@code no-capacity}, {@code bad-sdp}, ...). */
    void refused(String cause) {
        refused.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    /** A session deleted because no answer came for it in time (its edge gave up or went away). */
    void expiredUnanswered() {
        refused.computeIfAbsent("unanswered-expired", c -> new LongAdder()).increment();
    }

    void answered(String mode) {
        answered.computeIfAbsent(mode, m -> new LongAdder()).increment();
    }

    /** A session's last figures, once it left the open table; call holding this object's monitor. */
    void ended(Figures last) {
        if (last.failureCause() != null) {
            endedFailures.merge(last.failureCause(), 1L, Long::sum);
        }
        endedPbx = endedPbx.plus(last.pbx());
        endedDevice = endedDevice.plus(last.device());
    }

    /** The totals with the open sessions' figures; call holding this object's monitor. */
    MediaMeters.Totals snapshot(Iterable<Figures> open) {
        long active = 0;
        Map<String, Long> activeByMode = new HashMap<>();
        Map<String, Long> failed = new HashMap<>(endedFailures);
        refused.forEach((cause, n) -> failed.merge(cause, n.sum(), Long::sum));
        MediaMeters.Leg pbx = endedPbx;
        MediaMeters.Leg device = endedDevice;
        for (Figures session : open) {
            active++;
            if (session.mode() != null) {
                activeByMode.merge(session.mode(), 1L, Long::sum);
            }
            if (session.failureCause() != null) {
                failed.merge(session.failureCause(), 1L, Long::sum);
            }
            pbx = pbx.plus(session.pbx());
            device = device.plus(session.device());
        }
        Map<String, Long> answeredByMode = new HashMap<>();
        answered.forEach((mode, n) -> answeredByMode.put(mode, n.sum()));
        return new MediaMeters.Totals(active, activeByMode, created.get(), answeredByMode, failed,
                Map.of("pbx", pbx, "device", device));
    }

    /** The label value of a media mode: {@code transcode}, {@code pass_through}. */
    static String label(Enum<?> mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
