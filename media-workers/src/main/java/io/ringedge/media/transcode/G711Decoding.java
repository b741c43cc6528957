package io.ringedge.media.transcode;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.g711.G711Concealer;
import io.ringedge.media.jitter.JitterBuffer;
import io.ringedge.media.jitter.Playout;

/** G.711 payload to PCM, with G.711 Appendix I style concealment for missing frames. */
final class G711Decoding implements FrameDecoder {
    private final G711 law;
    private final G711Concealer concealer = new G711Concealer();

    G711Decoding(G711 law) {
        this.law = law;
    }

    @Override
    public void decode(JitterBuffer buffer, Playout playout, short[] pcm) {
        int n = TranscodingDirection.PCM_FRAME;
        if (playout == Playout.MISSING) {
            concealer.conceal(pcm, 0, n);
            return;
        }
        // 20 ms is what we negotiate; a shorter packet is completed by concealment, a longer one cut.
        int samples = Math.min(buffer.payloadLength(), n);
        law.decode(buffer.payload(), 0, pcm, 0, samples);
        if (samples < n) {
            concealer.good(pcm, 0, samples);
            concealer.conceal(pcm, samples, n - samples);
        } else {
            concealer.good(pcm, 0, n);
        }
    }
}
