package io.ringedge.media.codec.opus;

/**
 * Encoder and decoder choices for the Opus leg, validated once; an invalid value is a configuration
 * error naming its key.
 *
 * <h2>Why 8 kHz and complexity 3</h2>
 * The PBX side is G.711: 8 kHz, nothing above 4 kHz. Opus input and output at 8 kHz therefore lose
 * nothing, and no resampler sits in the path (the RTP clock still runs at 48 kHz, RFC 7587 §4.1,
 * and a browser decodes our narrowband packets at 48 kHz as usual). Measured with
 * {@code OpusCostMeasurement} (thread CPU time per 20 ms frame, encode + decode, concentus 1.0.2,
 * 24 kbit/s VOIP, speech-like signal, best of 16 interleaved rounds on this shared 2-core machine):
 * <pre>
 *   8 kHz  complexity  1    76 µs        16 kHz complexity  5   238 µs
 *   8 kHz  complexity  5   143 µs        48 kHz complexity  5   273 µs
 *   8 kHz  complexity 10   225 µs        48 kHz complexity 10   399 µs
 * </pre>
 * 8 kHz costs half of 48 kHz at the same complexity (the issue measured 121 against 460 µs for
 * 8 kHz complexity 5 against 48 kHz complexity 10). The encoder is most of it: decoding to 8 kHz
 * costs 9 µs per frame for narrowband SILK packets and 49 µs for a browser's hybrid 32 kbit/s
 * packets (through the 48 kHz fallback of {@link OpusFrameDecoder}).
 *
 * <p>Complexity was 5 until the media benchmark profiled the worker (bench/RESULTS.md, 2026-11-21
 * {@code mediaperf}): 87 % of the worker's Java CPU samples at 50 transcoded calls were inside the
 * concentus encoder, {@code silk_noise_shape_quantizer_del_dec} and its saturating arithmetic
 * first. SILK's complexity ladder (libopus {@code silk_setup_complexity}) puts 4 and 5 in one step
 * (two delayed-decision states, warped noise shaping, NLSF interpolation, order-10 pitch LPC) and
 * 3 one below (two delayed-decision states, no warping, no NLSF interpolation, order 8). Per
 * encoded frame of the benchmark's signal, FEC on, 100 encoders interleaved: complexity 5 108 µs,
 * 3 60 µs, 1 55 µs. At complexity 5 the 200 calls would need 1.2 cores for encoding alone
 * on a 2-core machine that also runs the load generator; at 3 about 0.6. Complexity 3 keeps the
 * delayed-decision quantiser (1 and below drop it) and gives up the perceptual warping, for
 * a G.711 listener the smaller loss. {@code withComplexity(5)} is one line for a worker whose
 * cores are not the limit.
 *
 * @param sampleRate      internal PCM rate of encoder and decoder (8000, 12000, 16000, 24000, 48000);
 *                        not a configuration key: transcoding to G.711 requires 8000
 *                        ({@code MediaSettings}); other rates exist for the measurement
 * @param complexity      encoder complexity 0..10; key {@code media.opus.complexity}
 * @param bitrate         target bit rate in bit/s, 6000..510000 (RFC 6716 §2.1.1); key {@code media.opus.bitrate}
 * @param inbandFec       send LBRR data so a lost frame can be rebuilt from the next packet
 *                        (RFC 6716 §2.1.7); key {@code media.opus.inband-fec}
 * @param dtx             stop sending during silence (RFC 6716 §2.1.9); key {@code media.opus.dtx}
 * @param expectedLossPercent loss the encoder plans FEC for, 0..100; key {@code media.opus.expected-loss-percent}
 */
public record OpusSettings(int sampleRate, int complexity, int bitrate, boolean inbandFec, boolean dtx,
                           int expectedLossPercent) {

    /** 8 kHz, complexity 3 (see above), 24 kbit/s, FEC and DTX on, FEC planned for 10 % loss. */
    public static final OpusSettings DEFAULT = new OpusSettings(8000, 3, 24_000, true, true, 10);

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
