package io.ringedge.media.codec.opus;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Encodes 20 ms mono PCM frames at {@link OpusSettings#sampleRate} into Opus packets (one frame per
 * packet, RFC 7587 §4.2). Caller-owned input and output arrays; one instance per stream, one thread.
 */
public final class OpusFrameEncoder {
    private final OpusEncoder encoder;
    private final int samplesPerFrame;

    public OpusFrameEncoder(OpusSettings settings) {
        try {
            // VOIP application: speech-tuned, and the only mode where SILK's LBRR (in-band FEC) is used.
            encoder = new OpusEncoder(settings.sampleRate(), 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new OpusCodecException("cannot create Opus encoder for " + settings, e);
        }
        encoder.setBitrate(settings.bitrate());
        encoder.setComplexity(settings.complexity());
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseInbandFEC(settings.inbandFec());
        encoder.setPacketLossPercent(settings.expectedLossPercent());
        encoder.setUseDTX(settings.dtx());
        samplesPerFrame = settings.samplesPerFrame();
    }

    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    /**
     * Encodes one frame of {@link #samplesPerFrame} samples from {@code pcm[pcmOffset..]} into
     * {@code out[outOffset..outOffset + maxBytes)} and returns the packet length. With DTX a silent
     * frame yields 1 or 2 octets (a TOC byte only, RFC 6716 §3.2.1): such a frame need not be sent.
     */
    public int encode(short[] pcm, int pcmOffset, byte[] out, int outOffset, int maxBytes) {
        try {
            return encoder.encode(pcm, pcmOffset, samplesPerFrame, out, outOffset, maxBytes);
        } catch (OpusException e) {
            throw new OpusCodecException("Opus encode failed", e);
        }
    }
}
