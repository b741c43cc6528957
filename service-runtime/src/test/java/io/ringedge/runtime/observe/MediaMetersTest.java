package io.ringedge.runtime.observe;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MediaMetersTest {

    @Test
    void theWorkersOwnCountsAreReadAtEachScrape() {
        MeterRegistry registry = new MeterRegistry();
        AtomicLong sessions = new AtomicLong(2);
        AtomicLong lost = new AtomicLong(3);
        AtomicLong received = new AtomicLong(997);
        MediaMeters.register(registry, sessions::get, lost::get, received::get);

        Exposition before = Exposition.parse(registry.scrape());
        assertEquals("gauge", before.types().get("ringedge_media_sessions"));
        assertEquals("counter", before.types().get("ringedge_media_packets_lost_total"));
        assertEquals(2.0, before.value("ringedge_media_sessions"));
        assertEquals(3.0, before.value("ringedge_media_packets_lost_total"));
        assertEquals(997.0, before.value("ringedge_media_packets_received_total"));

        sessions.set(0);
        lost.addAndGet(5);
        Exposition after = Exposition.parse(registry.scrape());
        assertEquals(0.0, after.value("ringedge_media_sessions"));
        assertEquals(8.0, after.value("ringedge_media_packets_lost_total"));
    }
}
