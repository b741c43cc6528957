package io.ringedge.media.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Audio;
import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusRtp;
import io.ringedge.media.codec.opus.OpusSettings;
import io.ringedge.media.dtmf.TelephoneEvent;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PCMU stream of a 1 kHz tone from the PBX through PCMU → Opus (the browser leg) and back
 * through Opus → PCMU, tick by tick on a simulated clock.
 */
class TranscodeTest {
    private static final LegFormat PBX_IN = new LegFormat(AudioCodec.PCMU, 0, 101, 0x0A0A0A0A);
    private static final LegFormat BROWSER = new LegFormat(AudioCodec.OPUS, 111, 110, 0x0B0B0B0B);
    private static final LegFormat PBX_OUT = new LegFormat(AudioCodec.PCMU, 0, 101, 0x0C0C0C0C);
    private static final int FRAMES = 100;

    private final RtpPacketPool pool = new RtpPacketPool(16);
    private MediaDirection toBrowser;
    private MediaDirection fromBrowser;
    private final List<byte[]> opusSent = new ArrayList<>();
    private final List<byte[]> pcmuSent = new ArrayList<>();

    private void start(MediaSettings settings) {
        MediaPipelines pipelines = new MediaPipelines(settings, new Random(1));
        toBrowser = pipelines.direction(PBX_IN, BROWSER, pool);
        fromBrowser = pipelines.direction(BROWSER, PBX_OUT, pool);
    }

    @Test
    void aToneSurvivesPcmuToOpusToPcmu() {
        // Without DTX: SILK's voice activity detector takes a steady sine for background noise.
        start(new MediaSettings(OpusSettings.DEFAULT.withFecAndDtx(true, false), 40, 200));
        for (int f = 0; f < FRAMES; f++) {
            long now = f * 20L;
            short[] tone = Audio.tone(1000, 8000, 8000, (long) f * 160, 160);
            byte[] payload = new byte[160];
            G711.PCMU.encode(tone, 0, payload, 0, 160);
            step(rtp(0, f == 0, 7000 + f, 160L * f, 0x1234, payload), now);
        }
        assertTrue(opusSent.size() > FRAMES - 5, "Opus packets sent: " + opusSent.size());
        assertTrue(pcmuSent.size() > FRAMES - 10, "PCMU packets sent: " + pcmuSent.size());
        assertContinuous(opusSent, BROWSER, 960);
        assertContinuous(pcmuSent, PBX_OUT, 160);
        assertTrue(RtpHeader.marker(opusSent.get(0), 0), "first packet of the talkspurt is marked");

        assertToneArrives(pcmuSent, G711.PCMU);
        assertEquals(16, pool.available(), "every packet went back to the pool");
    }

    @ParameterizedTest(name = "browser Opus at {0} bit/s reaches the PBX as {1}")
    @CsvSource({"16000, PCMU", "32000, PCMU", "32000, PCMA"})
    void browserOpusReachesThePbxAsG711(int bitrate, G711 law) {
        // A browser encodes 48 kHz capture; at 32 kbit/s that is hybrid SILK+CELT.
        LegFormat pbx = new LegFormat(AudioCodec.valueOf(law.name()), law.payloadType(), 101, 0x0D0D0D0D);
        MediaDirection direction = new MediaPipelines(MediaSettings.DEFAULT, new Random(3)).direction(BROWSER, pbx, pool);
        OpusFrameEncoder browser = new OpusFrameEncoder(new OpusSettings(48000, 5, bitrate, true, false, 10));
        byte[] opus = new byte[OpusRtp.MAX_PACKET];
        for (int f = 0; f < FRAMES; f++) {
            long now = f * 20L;
            int length = browser.encode(Audio.tone(1000, 8000, 48000, (long) f * 960, 960), 0, opus, 0, opus.length);
            RtpPacket packet = rtp(111, f == 0, 30_000 + f, 960L * f, 0x4242, java.util.Arrays.copyOf(opus, length));
            direction.receive(packet, now);
            pool.release(packet);
            collect(direction.tick(now), pcmuSent);
        }
        assertContinuous(pcmuSent, pbx, 160);
        assertToneArrives(pcmuSent, law);
    }

    /** Every packet after the first ten carries the 1 kHz tone at its input power (±3 dB) and little else. */
    private static void assertToneArrives(List<byte[]> packets, G711 law) {
        short[] decoded = new short[160];
        double input = 8000.0 * 8000 / 4;
        double lowest = Double.MAX_VALUE;
        for (int i = 10; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            law.decode(packet, RtpHeader.FIXED_LENGTH, decoded, 0, 160);
            double atTone = Audio.goertzel(decoded, 0, 160, 1000, 8000);
            assertTrue(atTone > input / 2 && atTone < input * 2, "packet " + i + " tone power " + atTone);
            assertTrue(atTone > 100 * Audio.goertzel(decoded, 0, 160, 2000, 8000), "packet " + i + " is still a tone");
            lowest = Math.min(lowest, atTone);
        }
        System.out.printf("1 kHz tone after transcoding (%s): lowest frame at %.2f dB of its input power%n",
                law, 10 * Math.log10(lowest / input));
    }

    @Test
    void aLostOpusPacketIsConcealedWithoutAGapDownstream() {
        start(MediaSettings.DEFAULT);
        for (int f = 0; f < 60; f++) {
            short[] tone = Audio.tone(1000, 8000, 8000, (long) f * 160, 160);
            byte[] payload = new byte[160];
            G711.PCMU.encode(tone, 0, payload, 0, 160);
            RtpPacket packet = rtp(0, f == 0, f, 160L * f, 0x1234, payload);
            long now = f * 20L;
            RtpPacket opus = toBrowser.tick(now);
            toBrowser.receive(packet, now);
            pool.release(packet);
            if (opus != null) {
                boolean lose = RtpHeader.sequenceNumber(opus.buffer(), 0) % 17 == 0;
                if (!lose) {
                    fromBrowser.receive(opus, now);
                }
                pool.release(opus);
            }
            collect(fromBrowser.tick(now), pcmuSent);
        }
        assertContinuous(pcmuSent, PBX_OUT, 160);
        assertTrue(((TranscodingDirection) fromBrowser).jitterBuffer().counters().concealed() > 0);
    }

    @Test
    void silenceIsNotSentToTheBrowserWithDtxAndTheNextTalkspurtIsMarked() {
        start(MediaSettings.DEFAULT);
        byte[] silence = new byte[160];
        java.util.Arrays.fill(silence, G711.PCMU.encode((short) 0));
        for (int f = 0; f < 100; f++) {
            step(rtp(0, false, f, 160L * f, 0x1234, silence), f * 20L);
        }
        int afterSilence = opusSent.size();
        assertTrue(toBrowser.counters().dtxSuppressed() > 60, "suppressed " + toBrowser.counters().dtxSuppressed());
        for (int f = 100; f < 130; f++) {
            short[] tone = Audio.tone(1000, 8000, 8000, (long) f * 160, 160);
            byte[] payload = new byte[160];
            G711.PCMU.encode(tone, 0, payload, 0, 160);
            step(rtp(0, false, f, 160L * f, 0x1234, payload), f * 20L);
        }
        byte[] resumed = opusSent.get(afterSilence);
        assertTrue(RtpHeader.marker(resumed, 0), "talkspurt after DTX is marked");
        byte[] before = opusSent.get(afterSilence - 1);
        long gap = (RtpHeader.timestamp(resumed, 0) - RtpHeader.timestamp(before, 0)) & 0xFFFF_FFFFL;
        assertEquals(1, (RtpHeader.sequenceNumber(resumed, 0) - RtpHeader.sequenceNumber(before, 0)) & 0xFFFF);
        assertTrue(gap > 960 && gap % 960 == 0, "timestamp kept running through the pause: " + gap);
    }

    @Test
    void dtmfCrossesTheTranscodedCallWithItsDurationRescaled() {
        start(MediaSettings.DEFAULT);
        List<byte[]> sent = new ArrayList<>();
        int[] durations = {160, 320, 480, 640, 640, 640};
        for (int f = 0; f < 20; f++) {
            short[] tone = Audio.tone(1000, 8000, 8000, (long) f * 160, 160);
            byte[] payload = new byte[160];
            G711.PCMU.encode(tone, 0, payload, 0, 160);
            stepCollect(rtp(0, f == 0, f * 2, 160L * f, 0x1234, payload), f * 20L, sent);
            if (f >= 10 && f < 16) {
                byte[] event = new byte[4];
                int i = f - 10;
                TelephoneEvent.write(event, 0, 5, i >= 3, 10, durations[i]);
                stepCollect(rtp(101, i == 0, f * 2 + 1, 160L * 10, 0x1234, event), f * 20L, sent);
            }
        }
        List<byte[]> events = sent.stream().filter(p -> RtpHeader.payloadType(p, 0) == 110).toList();
        assertEquals(6, events.size(), "every event packet, the three end retransmissions included");
        long eventTs = RtpHeader.timestamp(events.get(0), 0);
        for (int i = 0; i < 6; i++) {
            byte[] p = events.get(i);
            assertEquals(5, TelephoneEvent.event(p, 12));
            assertEquals(durations[i] * 6, TelephoneEvent.duration(p, 12), "duration at 48 kHz");
            assertEquals(i >= 3, TelephoneEvent.end(p, 12));
            assertEquals(eventTs, RtpHeader.timestamp(p, 0), "one timestamp for the whole event");
            assertEquals(BROWSER.ssrc(), RtpHeader.ssrc(p, 0));
        }
        assertTrue(RtpHeader.marker(events.get(0), 0));
        assertContinuous(sent, BROWSER, -1);
    }

    @Test
    void ticksSkippedAfterAStallAreAGapInSequenceAndTimestampNotADelay() {
        LegFormat alaw = new LegFormat(AudioCodec.PCMA, 8, 101, 0x0E0E0E0E);
        MediaDirection direction = new MediaPipelines(MediaSettings.DEFAULT, new Random(2)).direction(PBX_IN, alaw, pool);
        List<byte[]> sent = new ArrayList<>();
        for (int f = 0; f < 60; f++) {
            long now = f < 30 ? f * 20L : f * 20L + 200; // after tick 29 the clock stalled and skipped ten ticks
            byte[] payload = new byte[160];
            G711.PCMU.encode(Audio.tone(1000, 8000, 8000, (long) f * 160, 160), 0, payload, 0, 160);
            RtpPacket packet = rtp(0, f == 0, 500 + f, 160L * f, 0x1234, payload);
            direction.receive(packet, now);
            pool.release(packet);
            collect(direction.tick(now), sent);
        }
        int gaps = 0;
        for (int i = 1; i < sent.size(); i++) {
            int steps = (RtpHeader.sequenceNumber(sent.get(i), 0) - RtpHeader.sequenceNumber(sent.get(i - 1), 0)) & 0xFFFF;
            assertEquals(160L * steps, (RtpHeader.timestamp(sent.get(i), 0) - RtpHeader.timestamp(sent.get(i - 1), 0)) & 0xFFFF_FFFFL,
                    "timestamp follows the sequence number at " + i);
            assertEquals(steps > 1, RtpHeader.marker(sent.get(i), 0), "marker after the gap only, at " + i);
            if (steps > 1) {
                assertEquals(11, steps, "ten frames skipped");
                gaps++;
            }
        }
        assertEquals(1, gaps);
        assertEquals(10, direction.counters().skippedTicks());
    }

    /**
     * The jitter buffer starts over when the input jumps (here the PBX restarts its timeline; input
     * that overruns the buffer after a stalled media clock does the same) and sends nothing while
     * it fills again. The output must pause, not fall behind: each packet's timestamp stays on the
     * tick it went out on, and the first one after the pause is marked.
     */
    @Test
    void aJitterBufferRefillPausesTheOutputWithoutDelayingIt() {
        LegFormat alaw = new LegFormat(AudioCodec.PCMA, 8, 101, 0x0E0E0E0E);
        TranscodingDirection direction = (TranscodingDirection) new MediaPipelines(MediaSettings.DEFAULT, new Random(4))
                .direction(PBX_IN, alaw, pool);
        List<byte[]> sent = new ArrayList<>();
        List<Integer> sentAtTick = new ArrayList<>();
        long inputTs = 0;
        for (int tick = 0; tick < 80; tick++) {
            if (tick == 30) {
                inputTs += 4_000_000; // 500 s on: a new timeline
            }
            byte[] payload = new byte[160];
            G711.PCMU.encode(Audio.tone(1000, 8000, 8000, inputTs, 160), 0, payload, 0, 160);
            RtpPacket packet = rtp(0, tick == 0, tick, inputTs, 0x1234, payload);
            direction.receive(packet, tick * 20L);
            pool.release(packet);
            inputTs += 160;
            int before = sent.size();
            collect(direction.tick(tick * 20L), sent);
            if (sent.size() > before) {
                sentAtTick.add(tick);
            }
        }
        assertTrue(direction.jitterBuffer().counters().resyncs() > 0, "the buffer started over");
        long buffering = direction.counters().buffering();
        assertTrue(buffering > 2, "it paused after the jump too, not only at the start: " + buffering);
        long firstTs = RtpHeader.timestamp(sent.get(0), 0);
        int firstTick = sentAtTick.get(0);
        int pauses = 0;
        for (int i = 0; i < sent.size(); i++) {
            long expected = (firstTs + 160L * (sentAtTick.get(i) - firstTick)) & 0xFFFF_FFFFL;
            assertEquals(expected, RtpHeader.timestamp(sent.get(i), 0), "timestamp on the clock at packet " + i);
            if (i > 0) {
                assertEquals((RtpHeader.sequenceNumber(sent.get(i - 1), 0) + 1) & 0xFFFF, RtpHeader.sequenceNumber(sent.get(i), 0),
                        "nothing was lost, nothing skipped: seq at " + i);
                boolean paused = sentAtTick.get(i) - sentAtTick.get(i - 1) > 1;
                assertEquals(paused, RtpHeader.marker(sent.get(i), 0), "marker after the pause only, at " + i);
                pauses += paused ? 1 : 0;
            }
        }
        assertEquals(1, pauses);
    }

    /** One 20 ms step of both directions: PBX packet in, Opus out and straight into the return direction. */
    private void step(RtpPacket pbxPacket, long now) {
        toBrowser.receive(pbxPacket, now);
        pool.release(pbxPacket);
        RtpPacket opus = toBrowser.tick(now);
        if (opus != null) {
            opusSent.add(java.util.Arrays.copyOf(opus.buffer(), opus.length()));
            fromBrowser.receive(opus, now);
            pool.release(opus);
        }
        collect(fromBrowser.tick(now), pcmuSent);
    }

    private void stepCollect(RtpPacket packet, long now, List<byte[]> sent) {
        RtpPacket immediate = toBrowser.receive(packet, now);
        if (immediate != null) {
            sent.add(java.util.Arrays.copyOf(immediate.buffer(), immediate.length()));
        }
        pool.release(packet);
        if (RtpHeader.payloadType(packet.buffer(), 0) == 0) {
            collect(toBrowser.tick(now), sent);
        }
    }

    private void collect(RtpPacket packet, List<byte[]> into) {
        if (packet != null) {
            into.add(java.util.Arrays.copyOf(packet.buffer(), packet.length()));
            pool.release(packet);
        }
    }

    private RtpPacket rtp(int payloadType, boolean marker, int sequence, long timestamp, int ssrc, byte[] payload) {
        RtpPacket packet = pool.acquire();
        RtpHeader.writeFixed(packet.buffer(), 0, marker, payloadType, sequence, timestamp, ssrc);
        System.arraycopy(payload, 0, packet.buffer(), RtpHeader.FIXED_LENGTH, payload.length);
        packet.setLength(RtpHeader.FIXED_LENGTH + payload.length);
        return packet;
    }

    /** Sequence numbers step by one, SSRC is the leg's; audio timestamps step by {@code frameTs} (unless -1). */
    static void assertContinuous(List<byte[]> packets, LegFormat leg, int frameTs) {
        for (int i = 1; i < packets.size(); i++) {
            byte[] previous = packets.get(i - 1);
            byte[] current = packets.get(i);
            assertEquals((RtpHeader.sequenceNumber(previous, 0) + 1) & 0xFFFF, RtpHeader.sequenceNumber(current, 0), "seq at " + i);
            assertEquals(leg.ssrc(), RtpHeader.ssrc(current, 0));
            if (frameTs > 0) {
                assertEquals((RtpHeader.timestamp(previous, 0) + frameTs) & 0xFFFF_FFFFL, RtpHeader.timestamp(current, 0), "ts at " + i);
                assertEquals(leg.audioPayloadType(), RtpHeader.payloadType(current, 0));
            }
        }
    }
}
