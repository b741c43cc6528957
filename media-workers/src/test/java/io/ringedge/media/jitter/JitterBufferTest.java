package io.ringedge.media.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Scenarios as arrival schedules: packet {@code i} carries frame {@code i} (timestamp {@code i * 160})
 * and arrives at the given ms; the clock ticks every 20 ms from 0 and the test records what each
 * tick played: a frame number, {@code -} for a missing frame, {@code .} while buffering.
 */
class JitterBufferTest {
    private static final JitterSettings G711 = JitterSettings.defaults(8000);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name                 | arrivals (frame@ms; frame omitted = lost)   | expected playout per tick
            "in order               | 0@0 1@20 2@40 3@60 4@80 5@100               | . . 0 1 2 3 4 5",
            "reordered pair         | 0@0 2@39 1@40 3@60 4@80 5@100               | . . 0 1 2 3 4 5",
            "duplicate              | 0@0 1@20 1@21 2@40 3@60 4@80 5@100          | . . 0 1 2 3 4 5",
            "one lost               | 0@0 1@20 3@60 4@80 5@100                    | . . 0 1 - 3 4 5",
            // Frame 2 is 41 ms late: concealed, and the target grows to 60 ms by one inserted frame.
            "late beyond playout    | 0@0 1@20 3@60 2@81 4@80 5@100               | . . 0 1 - - 3 4 5",
            "dtx pause              | 0@0 1@20 6@120 7@140 8@160                  | . . 0 1 - - - - 6 7 8",
    })
    void playsArrivalPatterns(String name, String arrivals, String expected) {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        List<long[]> schedule = new ArrayList<>();
        for (String arrival : arrivals.trim().split(" +")) {
            String[] parts = arrival.split("@");
            schedule.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
        }
        schedule.sort((a, b) -> Long.compare(a[1], b[1]));
        int ticks = expected.trim().split(" +").length;
        StringBuilder played = new StringBuilder();
        int next = 0;
        for (int tick = 0; tick < ticks; tick++) {
            long now = tick * 20L;
            while (next < schedule.size() && schedule.get(next)[1] <= now) {
                offerFrame(buffer, (int) schedule.get(next)[0], schedule.get(next)[1]);
                next++;
            }
            played.append(describe(buffer, buffer.poll(now))).append(' ');
        }
        assertEquals(expected.trim(), played.toString().trim(), name);
    }

    @Test
    void countsDuplicatesAndLatePackets() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        offerFrame(buffer, 0, 0);
        assertEquals(Arrival.DUPLICATE, offerFrame(buffer, 0, 1));
        buffer.poll(0);
        buffer.poll(20);
        assertEquals(Playout.FRAME, buffer.poll(40));
        assertEquals(Arrival.LATE, offerFrame(buffer, 0, 41));
        assertEquals(1, buffer.counters().duplicates());
        assertEquals(1, buffer.counters().late());
        assertEquals(1, buffer.counters().played());
    }

    @Test
    void lendsTheFollowingPacketForFecWhenAFrameIsMissing() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        offerFrame(buffer, 0, 0);
        buffer.poll(0);
        buffer.poll(20);
        offerFrame(buffer, 2, 40);
        assertEquals(Playout.FRAME, buffer.poll(40));
        assertEquals(Playout.MISSING, buffer.poll(60));
        assertTrue(buffer.hasFollowing());
        assertEquals(2, buffer.followingPayload()[0]);
        assertEquals(160, buffer.timestamp());
        assertEquals(Playout.FRAME, buffer.poll(80));
        assertEquals(2, buffer.payload()[0]);
    }

    @Test
    void targetDelayGrowsWithJitterAndShrinksWhenItCalms() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        Random random = new Random(3);
        int frame = 0;
        long now = 0;
        // 4 s of arrivals delayed by 0..70 ms, uniformly.
        List<long[]> pending = new ArrayList<>();
        for (; frame < 200; frame++) {
            pending.add(new long[] {frame, frame * 20L + random.nextInt(71)});
        }
        pending.sort((a, b) -> Long.compare(a[1], b[1]));
        int next = 0;
        for (; now < 200 * 20; now += 20) {
            while (next < pending.size() && pending.get(next)[1] <= now) {
                offerFrame(buffer, (int) pending.get(next)[0], pending.get(next)[1]);
                next++;
            }
            buffer.poll(now);
        }
        assertTrue(buffer.targetDelayMs() >= 80, "target follows 70 ms of jitter: " + buffer.targetDelayMs());
        long lateDuringJitter = buffer.counters().late();
        assertTrue(lateDuringJitter < 10, "few packets late once adapted: " + lateDuringJitter);
        // Then 4 s without jitter: the window forgets the burst and the delay comes back down.
        for (; frame < 400; frame++, now += 20) {
            offerFrame(buffer, frame, now);
            buffer.poll(now);
        }
        assertEquals(G711.minDelayMs(), buffer.targetDelayMs());
        assertTrue(buffer.counters().compressed() > 0, "delay was shrunk by skipping frames");
        assertEquals(lateDuringJitter, buffer.counters().late());
    }

    @Test
    void targetDelayStaysWithinItsBounds() {
        JitterBuffer buffer = new JitterBuffer(new JitterSettings(8000, 60, 120), 160);
        assertEquals(60, buffer.targetDelayMs(), "the lower bound before any jitter");
        // Every other packet 400 ms late: far beyond the upper bound.
        for (int frame = 0; frame < 50; frame++) {
            offerFrame(buffer, frame, frame * 20L + (frame % 2 == 0 ? 0 : 400));
        }
        assertEquals(120, buffer.targetDelayMs());
    }

    @Test
    void aTimestampJumpRestartsTheBuffer() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        offerFrame(buffer, 0, 0);
        buffer.poll(0);
        buffer.poll(20);
        assertEquals(Playout.FRAME, buffer.poll(40));
        byte[] payload = new byte[160];
        assertEquals(Arrival.RESYNC, buffer.offer(payload, 0, 160, 0x8000_0000L, 41));
        assertEquals(Playout.BUFFERING, buffer.poll(60));
        assertEquals(Playout.FRAME, buffer.poll(81));
        assertEquals(0x8000_0000L, buffer.timestamp());
    }

    @Test
    void timestampsWrapAround() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        byte[] payload = new byte[160];
        long first = 0xFFFF_FFFFL - 159;
        for (int i = 0; i < 4; i++) {
            payload[0] = (byte) i;
            buffer.offer(payload, 0, 160, (first + 160L * i) & 0xFFFF_FFFFL, 20L * i);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(Playout.FRAME, buffer.poll(40 + 20L * i));
            assertEquals(i, buffer.payload()[0]);
        }
        assertEquals(160, buffer.timestamp());
    }

    @Test
    void refusesOversizePayloadsAndBadSettings() {
        JitterBuffer buffer = new JitterBuffer(G711, 160);
        assertEquals(Arrival.OVERSIZE, buffer.offer(new byte[200], 0, 200, 0, 0));
        var error = assertThrows(IllegalArgumentException.class, () -> new JitterSettings(8000, 30, 200));
        assertEquals("media.jitter.min-delay-ms: must be a multiple of 20 in 20..1000, was 30", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JitterSettings(8000, 60, 40));
    }

    private static Arrival offerFrame(JitterBuffer buffer, int frame, long now) {
        byte[] payload = new byte[160];
        payload[0] = (byte) frame;
        return buffer.offer(payload, 0, payload.length, 160L * frame, now);
    }

    private static String describe(JitterBuffer buffer, Playout playout) {
        return switch (playout) {
            case BUFFERING -> ".";
            case MISSING -> "-";
            case FRAME -> Integer.toString(buffer.payload()[0]);
        };
    }
}
