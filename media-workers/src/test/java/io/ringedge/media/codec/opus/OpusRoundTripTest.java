package io.ringedge.media.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Audio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpusRoundTripTest {
    private static final int AMPLITUDE = 8000;
    /** Goertzel power of a pure sine of {@link #AMPLITUDE}. */
    private static final double TONE_POWER = AMPLITUDE * (double) AMPLITUDE / 4;

    @Test
    void aOneKilohertzToneKeepsItsFrequencyAndEnergy() {
        OpusSettings settings = OpusSettings.DEFAULT;
        short[] decoded = roundTrip(settings, new OpusFrameDecoder(settings), 50);
        int n = settings.samplesPerFrame();
        for (int frame = 10; frame < 50; frame++) {
            double atTone = Audio.goertzel(decoded, frame * n, n, 1000, 8000);
            assertTrue(atTone > TONE_POWER / 2 && atTone < TONE_POWER * 2, "frame " + frame + " power " + atTone);
            assertTrue(atTone > 100 * Audio.goertzel(decoded, frame * n, n, 2000, 8000), "frame " + frame + " vs 2 kHz");
            assertTrue(atTone > 100 * Audio.goertzel(decoded, frame * n, n, 500, 8000), "frame " + frame + " vs 500 Hz");
        }
    }

    @ParameterizedTest(name = "48 kHz capture at {0} bit/s decodes to 8 kHz, full-rate fallback {1}")
    @CsvSource({"16000, false", "24000, true", "64000, true"})
    void browserPacketsDecodeTo8kHz(int bitrate, boolean fullRate) {
        // What a browser sends (48 kHz capture): SILK wideband at 16 kbit/s, hybrid above, which
        // concentus can only decode at 48 kHz.
        OpusSettings browser = new OpusSettings(48000, 5, bitrate, true, false, 10);
        OpusFrameDecoder decoder = new OpusFrameDecoder(OpusSettings.DEFAULT);
        short[] decoded = roundTrip(browser, decoder, 50);
        assertEquals(fullRate, decoder.decodesAtFullRate());
        int n = OpusSettings.DEFAULT.samplesPerFrame();
        for (int frame = 10; frame < 50; frame++) {
            double atTone = Audio.goertzel(decoded, frame * n, n, 1000, 8000);
            assertTrue(atTone > TONE_POWER / 2 && atTone < TONE_POWER * 2, "frame " + frame + " power " + atTone);
            assertTrue(atTone > 100 * Audio.goertzel(decoded, frame * n, n, 3000, 8000), "frame " + frame + " vs 3 kHz");
        }
    }

    @Test
    void inbandFecRebuildsALostFrameBetterThanConcealment() {
        OpusSettings settings = OpusSettings.DEFAULT.withFecAndDtx(true, false);
        int n = settings.samplesPerFrame();
        int frames = 200;
        short[] input = OpusCostMeasurement.speechLike(8000, n * frames);
        OpusFrameEncoder encoder = new OpusFrameEncoder(settings);
        byte[][] packets = new byte[frames][];
        for (int f = 0; f < frames; f++) {
            byte[] out = new byte[OpusRtp.MAX_PACKET];
            int length = encoder.encode(input, f * n, out, 0, out.length);
            packets[f] = java.util.Arrays.copyOf(out, length);
        }
        short[] reference = decodeAll(settings, packets, false, false);
        short[] withFec = decodeAll(settings, packets, true, true);
        short[] withPlc = decodeAll(settings, packets, true, false);
        double fecSnr = 0;
        double plcSnr = 0;
        int lost = 0;
        for (int f = 20; f < frames - 1; f += 10) {
            fecSnr += Audio.snrDb(reference, f * n, withFec, f * n, n);
            plcSnr += Audio.snrDb(reference, f * n, withPlc, f * n, n);
            lost++;
        }
        fecSnr /= lost;
        plcSnr /= lost;
        System.out.printf("lost frames rebuilt: FEC %.1f dB, PLC %.1f dB SNR against the loss-free decode%n", fecSnr, plcSnr);
        assertTrue(fecSnr > plcSnr + 3, "FEC " + fecSnr + " dB vs PLC " + plcSnr + " dB");
        assertTrue(fecSnr > 3, "FEC rebuilt frames resemble the originals: " + fecSnr + " dB");
    }

    /**
     * Found by the media benchmark, where the worker's transport thread died of it: after frames
     * 2 and 32 of this stream are skipped (as a jitter buffer compressing does), concentus's SILK
     * arithmetic overflows on frame 33 and throws AssertionError. The decoder resets and goes on.
     */
    @Test
    void aSkipThatOverflowsSilkResetsTheDecoderInsteadOfThrowing() {
        OpusSettings settings = OpusSettings.DEFAULT.withComplexity(5); // the sender's encoder of the bench run
        int n = settings.samplesPerFrame();
        int frames = 100;
        short[] input = Audio.glide(0, n * frames);
        OpusFrameEncoder encoder = new OpusFrameEncoder(settings);
        OpusFrameDecoder decoder = new OpusFrameDecoder(settings);
        short[] decoded = new short[n * frames];
        byte[] packet = new byte[OpusRtp.MAX_PACKET];
        for (int f = 0; f < frames; f++) {
            int length = encoder.encode(input, f * n, packet, 0, packet.length);
            if (f != 2 && f != 32) {
                assertEquals(n, decoder.decode(packet, 0, length, decoded, f * n), "frame " + f);
            }
        }
        assertEquals(1, decoder.resets());
        for (int f = 40; f < frames; f++) {
            double heard = Audio.energy(decoded, f * n, n);
            double sent = Audio.energy(input, f * n, n);
            assertTrue(heard > sent / 4 && heard < sent * 4, "frame " + f + ": " + heard + " against " + sent);
        }
    }

    @Test
    void dtxSendsTinyFramesDuringSilence() {
        OpusFrameEncoder encoder = new OpusFrameEncoder(OpusSettings.DEFAULT);
        int n = OpusSettings.DEFAULT.samplesPerFrame();
        short[] tone = Audio.tone(1000, AMPLITUDE, 8000, 0, n);
        short[] silence = new short[n];
        byte[] out = new byte[OpusRtp.MAX_PACKET];
        int speechBytes = 0;
        for (int f = 0; f < 20; f++) {
            speechBytes += encoder.encode(tone, 0, out, 0, out.length);
        }
        int tiny = 0;
        for (int f = 0; f < 100; f++) {
            if (encoder.encode(silence, 0, out, 0, out.length) <= 2) {
                tiny++;
            }
        }
        assertTrue(speechBytes / 20 > 20, "tone frames carry data: " + speechBytes / 20);
        assertTrue(tiny >= 80, "silent frames reduced to a TOC byte: " + tiny + " of 100");
    }

    @Test
    void badSettingsNameTheirKey() {
        var error = assertThrows(IllegalArgumentException.class, () -> OpusSettings.DEFAULT.withComplexity(11));
        assertEquals("media.opus.complexity: must be 0..10, was 11", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpusSettings.DEFAULT.withSampleRate(44100));
    }

    @Test
    void fmtpAdvertisesFecAndDtx() {
        assertEquals("minptime=20; useinbandfec=1; usedtx=1; stereo=0; sprop-stereo=0; maxplaybackrate=8000;"
                + " sprop-maxcapturerate=8000; maxaveragebitrate=24000", OpusRtp.fmtp(OpusSettings.DEFAULT));
        assertEquals("opus/48000/2", OpusRtp.RTPMAP_ENCODING);
    }

    private static short[] roundTrip(OpusSettings encoding, OpusFrameDecoder decoder, int frames) {
        OpusFrameEncoder encoder = new OpusFrameEncoder(encoding);
        int in = encoding.samplesPerFrame();
        int out = decoder.samplesPerFrame();
        short[] decoded = new short[out * frames];
        byte[] packet = new byte[OpusRtp.MAX_PACKET];
        for (int f = 0; f < frames; f++) {
            short[] pcm = Audio.tone(1000, AMPLITUDE, encoding.sampleRate(), (long) f * in, in);
            int length = encoder.encode(pcm, 0, packet, 0, packet.length);
            assertEquals(out, decoder.decode(packet, 0, length, decoded, f * out));
        }
        return decoded;
    }

    /** Decodes every packet; with {@code lose}, every 10th from frame 20 is lost and rebuilt by FEC or PLC. */
    private static short[] decodeAll(OpusSettings settings, byte[][] packets, boolean lose, boolean fec) {
        OpusFrameDecoder decoder = new OpusFrameDecoder(settings);
        int n = settings.samplesPerFrame();
        short[] out = new short[n * packets.length];
        for (int f = 0; f < packets.length; f++) {
            boolean lost = lose && f >= 20 && f % 10 == 0 && f < packets.length - 1;
            if (!lost) {
                decoder.decode(packets[f], 0, packets[f].length, out, f * n);
            } else if (fec) {
                byte[] next = packets[f + 1];
                decoder.recover(next, 0, next.length, out, f * n);
            } else {
                decoder.conceal(out, f * n);
            }
        }
        return out;
    }
}
