package io.ringedge.media.codec.opus;

/**
 * Encoder and decoder choices for the Opus leg, validated once; an invalid value is a configuration
 * error naming its key.
 *
 * @param sampleRate      internal PCM rate of encoder and decoder (8000, 12000, 16000, 24000, 48000);
 *                        key {@code media.opus.sample-rate}. The RTP clock stays 48 kHz whatever it is
 *                        (RFC 7587 §4.1).
 * @param complexity      encoder complexity 0..10; key {@code media.opus.complexity}
 * @param bitrate         target bit rate in bit/s, 6000..510000 (RFC 6716 §2.1.1); key {@code media.opus.bitrate}
 * @param inbandFec       send LBRR data so a lost frame can be rebuilt from the next packet
 *                        (RFC 6716 §2.1.7); key {@code media.opus.inband-fec}
 * @param dtx             stop sending during silence (RFC 6716 §2.1.9); key {@code media.opus.dtx}
 * @param expectedLossPercent loss the encoder plans FEC for, 0..100; key {@code media.opus.expected-loss-percent}
 */
public record OpusSettings(int sampleRate, int complexity, int bitrate, boolean inbandFec, boolean dtx,
                           int expectedLossPercent) {

    /** What {@link OpusCodec}'s javadoc argues for: 8 kHz, complexity 5, 24 kbit/s, FEC and DTX on, 10 % planned loss. */
    public static final OpusSettings DEFAULT = new OpusSettings(8000, 5, 24_000, true, true, 10);

    public OpusSettings {
        if (sampleRate != 8000 && sampleRate != 12000 && sampleRate != 16000 && sampleRate != 24000 && sampleRate != 48000) {
            throw new IllegalArgumentException("media.opus.sample-rate: must be 8000, 12000, 16000, 24000 or 48000, was " + sampleRate);
        }
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("media.opus.complexity: must be 0..10, was " + complexity);
        }
        if (bitrate < 6000 || bitrate > 510_000) {
            throw new IllegalArgumentException("media.opus.bitrate: must be 6000..510000, was " + bitrate);
        }
        if (expectedLossPercent < 0 || expectedLossPercent > 100) {
            throw new IllegalArgumentException("media.opus.expected-loss-percent: must be 0..100, was " + expectedLossPercent);
        }
    }

    /** PCM samples in one 20 ms frame at {@link #sampleRate}. */
    public int samplesPerFrame() {
        return sampleRate / 50;
    }

    public OpusSettings withSampleRate(int rate) {
        return new OpusSettings(rate, complexity, bitrate, inbandFec, dtx, expectedLossPercent);
    }

    public OpusSettings withComplexity(int value) {
        return new OpusSettings(sampleRate, value, bitrate, inbandFec, dtx, expectedLossPercent);
    }

    public OpusSettings withFecAndDtx(boolean fec, boolean discontinuous) {
        return new OpusSettings(sampleRate, complexity, bitrate, fec, discontinuous, expectedLossPercent);
    }
}
