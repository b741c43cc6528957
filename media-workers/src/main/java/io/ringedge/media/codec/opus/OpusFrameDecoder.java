package io.ringedge.media.codec.opus;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Opus packets to 20 ms mono PCM frames at {@link OpusSettings#sampleRate}. Any Opus packet
 * decodes at any output rate (RFC 6716 §2), so the PBX direction decodes straight to 8 kHz with no
 * resampler, whatever bandwidth the browser chose. Stereo packets are down-mixed by the decoder
 * because it is created mono (RFC 7587 §3.4 lets a receiver do that).
 *
 * <p>Except for one case, measured: concentus 1.0.2 decodes <em>hybrid</em> packets (TOC configs
 * 12..15, RFC 6716 §3.1) to silence at any output rate below 48 kHz, while SILK-only and CELT-only
 * packets decode fine. Our SDP asks the browser for {@code maxplaybackrate=8000}, which keeps its
 * encoder in SILK narrowband, but a sender may ignore that. So the first hybrid packet switches
 * this decoder, once and for good, to a 48 kHz decoder followed by a {@link Decimator}.
 *
 * <p>And one more, also measured: concentus 1.0.2 carries libopus's debug-build overflow checks
 * ({@code silk_MLA}, {@code silk_SMULWW}...) as unconditional {@code AssertionError}s, where a
 * libopus release build lets the arithmetic wrap. A discontinuous stream, one frame skipped by the
 * jitter buffer's compression or a sender that restarted its encoder, can drive SILK's predictor
 * there with a perfectly valid next packet. Such an error says the decoder's state is unusable,
 * not that the packet is: the state is reset and the packet decoded again, as the first of a stream.
 */
public final class OpusFrameDecoder {
    private static final int FULL_RATE = 48_000;
    private static final Logger LOG = LoggerFactory.getLogger(OpusFrameDecoder.class);

    private final int sampleRate;
    private final int samplesPerFrame;
    private OpusDecoder decoder;
    private Decimator decimator;
    private short[] wide;
    private long resets;

    public OpusFrameDecoder(OpusSettings settings) {
        sampleRate = settings.sampleRate();
        samplesPerFrame = settings.samplesPerFrame();
        decoder = create(sampleRate);
    }

    private static OpusDecoder create(int rate) {
        try {
            return new OpusDecoder(rate, 1);
        } catch (OpusException e) {
            throw new OpusCodecException("cannot create Opus decoder at " + rate + " Hz", e);
        }
    }

    /** Whether decoding goes through the 48 kHz decoder and the decimator (see the class comment). */
    public boolean decodesAtFullRate() {
        return decimator != null;
    }

    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    /** Decodes one packet into {@code pcm[pcmOffset..]}; returns the samples written. */
    public int decode(byte[] packet, int offset, int length, short[] pcm, int pcmOffset) {
        return run(packet, offset, length, pcm, pcmOffset, false);
    }

    /**
     * Fills one lost frame with the decoder's packet loss concealment (RFC 6716 §4.4), which also
     * produces comfort noise across a DTX gap.
     */
    public int conceal(short[] pcm, int pcmOffset) {
        return run(null, 0, 0, pcm, pcmOffset, false);
    }

    /**
     * Rebuilds a lost frame from the LBRR (in-band FEC) copy carried in the packet that followed it
     * (RFC 6716 §2.1.7). Falls back to plain concealment inside the decoder when that packet has no
     * FEC data. The following packet must then still be decoded normally with {@link #decode}.
     */
    public int recover(byte[] nextPacket, int offset, int length, short[] pcm, int pcmOffset) {
        return run(nextPacket, offset, length, pcm, pcmOffset, true);
    }

    private int run(byte[] packet, int offset, int length, short[] pcm, int pcmOffset, boolean fec) {
        if (decimator == null && length > 0 && sampleRate < FULL_RATE && isHybrid(packet[offset])) {
            LOG.debug("hybrid Opus packet: decoding at 48 kHz and decimating to {} Hz from now on", sampleRate);
            decoder = create(FULL_RATE);
            decimator = new Decimator(sampleRate);
            wide = new short[FULL_RATE / 50];
        }
        try {
            try {
                return decodeOnce(packet, offset, length, pcm, pcmOffset, fec);
            } catch (AssertionError overflow) {
                resets++;
                decoder.resetState();
                LOG.debug("Opus decoder state overflowed ({}); reset", overflow.toString());
                return decodeOnce(packet, offset, length, pcm, pcmOffset, fec);
            }
        } catch (OpusException | AssertionError e) {
            throw new OpusCodecException("Opus decode failed", e);
        }
    }

    private int decodeOnce(byte[] packet, int offset, int length, short[] pcm, int pcmOffset, boolean fec)
            throws OpusException {
        if (decimator == null) {
            return decoder.decode(packet, offset, length, pcm, pcmOffset, samplesPerFrame, fec);
        }
        decoder.decode(packet, offset, length, wide, 0, wide.length, fec);
        decimator.process(wide, pcm, pcmOffset);
        return samplesPerFrame;
    }

    /** How often the decoder's state had to be reset after an arithmetic overflow (see the class comment). */
    public long resets() {
        return resets;
    }

    /** RFC 6716 §3.1: the top five bits of the TOC byte are the configuration; 12..15 are hybrid. */
    private static boolean isHybrid(byte toc) {
        int config = (toc & 0xFF) >>> 3;
        return config >= 12 && config <= 15;
    }
}
