package io.ringedge.runtime.observe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MediaMetersTest {

    private static MediaMeters.Totals totals(long active, long created, long pbxReceived, long pbxLost,
                                             Map<String, Long> failed) {
        return new MediaMeters.Totals(active, Map.of("transcode", active), created, Map.of("transcode", created),
                failed, Map.of("pbx", new MediaMeters.Leg(pbxReceived, 990, pbxLost, 4),
                "device", new MediaMeters.Leg(1000, 995, 0, 7)));
    }

    @Test
    void theWorkersTotalsAreReadAtEachScrapeWithTheirLabels() {
        MeterRegistry registry = new MeterRegistry();
        AtomicReference<MediaMeters.Totals> now = new AtomicReference<>(totals(2, 3, 997, 3, Map.of("no-capacity", 1L)));
        MediaMeters.register(registry, now::get);

        Exposition before = Exposition.parse(registry.scrape());
        assertEquals("gauge", before.types().get("ringedge_media_sessions"));
        assertEquals("gauge", before.types().get("ringedge_media_sessions_by_mode"));
        for (String counter : List.of("ringedge_media_sessions_created_total", "ringedge_media_sessions_answered_total",
                "ringedge_media_sessions_failed_total", "ringedge_media_packets_received_total",
                "ringedge_media_packets_sent_total", "ringedge_media_packets_lost_total",
                "ringedge_media_packets_dropped_total")) {
            assertEquals("counter", before.types().get(counter), counter);
        }
        assertEquals(2.0, before.value("ringedge_media_sessions"));
        assertEquals(3.0, before.value("ringedge_media_sessions_created_total"));
        assertEquals(2.0, before.value("ringedge_media_sessions_by_mode", Map.of("mode", "transcode")));
        assertEquals(0.0, before.value("ringedge_media_sessions_by_mode", Map.of("mode", "pass_through")),
                "every mode is reported, 0 until it happens");
        assertEquals(0.0, before.value("ringedge_media_sessions_answered_total", Map.of("mode", "pass_through")));
        assertEquals(1.0, before.value("ringedge_media_sessions_failed_total", Map.of("cause", "no-capacity")));
        assertEquals(997.0, before.value("ringedge_media_packets_received_total", Map.of("leg", "pbx")));
        assertEquals(1000.0, before.value("ringedge_media_packets_received_total", Map.of("leg", "device")));
        assertEquals(990.0, before.value("ringedge_media_packets_sent_total", Map.of("leg", "pbx")));
        assertEquals(3.0, before.value("ringedge_media_packets_lost_total", Map.of("leg", "pbx")));
        assertEquals(7.0, before.value("ringedge_media_packets_dropped_total", Map.of("leg", "device")));

        now.set(totals(0, 3, 1200, 8, Map.of("no-capacity", 1L, "media-timeout", 2L)));
        Exposition after = Exposition.parse(registry.scrape());
        assertEquals(0.0, after.value("ringedge_media_sessions"));
        assertEquals(8.0, after.value("ringedge_media_packets_lost_total", Map.of("leg", "pbx")));
        assertEquals(2.0, after.value("ringedge_media_sessions_failed_total", Map.of("cause", "media-timeout")));
    }

    @Test
    void bothLegsAreReportedBeforeTheFirstPacket() {
        MeterRegistry registry = new MeterRegistry();
        MediaMeters.register(registry, () -> new MediaMeters.Totals(0, Map.of(), 0, Map.of(), Map.of(), Map.of()));
        Exposition e = Exposition.parse(registry.scrape());
        for (String leg : MediaMeters.LEGS) {
            assertEquals(0.0, e.value("ringedge_media_packets_received_total", Map.of("leg", leg)));
            assertEquals(0.0, e.value("ringedge_media_packets_dropped_total", Map.of("leg", leg)));
        }
    }

    @Test
    void aLabelledFamilyWithTheWrongNumberOfLabelValuesIsRefusedAtScrape() {
        MeterRegistry registry = new MeterRegistry();
        registry.gauge("odd", "o", List.of("a", "b"), () -> Map.of(List.of("only-one"), 1));
        assertThrows(IllegalStateException.class, registry::scrape);
        assertThrows(IllegalArgumentException.class,
                () -> registry.counter("bad_total", "b", List.of("__reserved"), Map::of));
    }
}
