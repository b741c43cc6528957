package io.ringedge.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Hex;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TelephoneEventRelayTest {

    @Test
    void readsAndWritesThePayloadOfRfc4733Section2_3() {
        // Digit 9, end bit, volume 10, duration 1000.
        byte[] payload = new byte[4];
        TelephoneEvent.write(payload, 0, 9, true, 10, 1000);
        assertEquals("098a03e8", Hex.of(payload));
        assertEquals(9, TelephoneEvent.event(payload, 0));
        assertTrue(TelephoneEvent.end(payload, 0));
        assertEquals(10, TelephoneEvent.volume(payload, 0));
        assertEquals(1000, TelephoneEvent.duration(payload, 0));
        assertEquals('#', TelephoneEvent.key(11));
        assertEquals('D', TelephoneEvent.key(15));
        assertEquals('?', TelephoneEvent.key(70));
    }

    @ParameterizedTest(name = "{0} units at {1} Hz become {3} units at {2} Hz")
    @CsvSource({
            "800,   8000,  48000, 4800",
            "4800,  48000, 8000,  800",
            "1600,  8000,  8000,  1600",
            "65535, 48000, 8000,  10922",
    })
    void durationFollowsTheClockRate(int duration, int clockIn, int clockOut, int expected) {
        TelephoneEventRelay relay = new TelephoneEventRelay(110, clockIn, clockOut, ts -> ts);
        RtpPacket packet = event(101, 1000, 1, false, duration);
        relay.transform(packet);
        assertEquals(expected, TelephoneEvent.duration(packet.buffer(), 12));
        assertEquals(110, RtpHeader.payloadType(packet.buffer(), 0));
    }

    @Test
    void oneEventKeepsOneTimestampAndItsEndRetransmissions() {
        long[] mapped = {0};
        TelephoneEventRelay relay = new TelephoneEventRelay(110, 8000, 48000, ts -> {
            mapped[0]++;
            return 500_000 + ts * 6;
        });
        int[] durations = {160, 320, 480, 480, 480};
        for (int i = 0; i < durations.length; i++) {
            RtpPacket packet = event(101, 1000, 3, i >= 2, durations[i]);
            assertTrue(relay.transform(packet) != null);
            assertEquals(506_000, RtpHeader.timestamp(packet.buffer(), 0));
            assertEquals(i >= 2, TelephoneEvent.end(packet.buffer(), 12));
        }
        assertEquals(1, mapped[0], "the timeline is consulted once per event");
        RtpPacket next = event(101, 3000, 4, false, 160);
        relay.transform(next);
        assertEquals(518_000, RtpHeader.timestamp(next.buffer(), 0));
        assertEquals(6, relay.relayed());
    }

    @Test
    void aRescaledDurationBeyondSixteenBitsStartsANewSegment() {
        // 1.5 s of a held key at 8 kHz is 12000 units; at 48 kHz 72000, beyond 0xFFFF (RFC 4733 §2.5.1.3).
        TelephoneEventRelay relay = new TelephoneEventRelay(110, 8000, 48000, ts -> 0);
        RtpPacket early = event(101, 1000, 1, false, 10_000);
        relay.transform(early);
        assertEquals(60_000, TelephoneEvent.duration(early.buffer(), 12));
        assertEquals(0, RtpHeader.timestamp(early.buffer(), 0));
        RtpPacket late = event(101, 1000, 2, false, 12_000);
        relay.transform(late);
        assertEquals(72_000 - 0xFFFF, TelephoneEvent.duration(late.buffer(), 12));
        assertEquals(0xFFFF, RtpHeader.timestamp(late.buffer(), 0));
        assertFalse(TelephoneEvent.end(late.buffer(), 12));
    }

    @Test
    void dropsAPayloadTooShortForAnEvent() {
        TelephoneEventRelay relay = new TelephoneEventRelay(110, 8000, 48000, ts -> ts);
        RtpPacket packet = event(101, 0, 1, false, 0);
        packet.setLength(14);
        assertNull(relay.transform(packet));
        assertEquals(1, relay.malformed());
    }

    private static RtpPacket event(int payloadType, long timestamp, int sequence, boolean end, int duration) {
        RtpPacket packet = new RtpPacket();
        RtpHeader.writeFixed(packet.buffer(), 0, false, payloadType, sequence, timestamp, 42);
        TelephoneEvent.write(packet.buffer(), 12, 1, end, 10, duration);
        packet.setLength(16);
        return packet;
    }
}
