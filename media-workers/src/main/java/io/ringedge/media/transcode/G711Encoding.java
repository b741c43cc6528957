package io.ringedge.media.transcode;

import io.ringedge.media.codec.g711.G711;

/** PCM to a 20 ms G.711 payload: one octet per sample. */
final class G711Encoding implements FrameEncoder {
    private final G711 law;

    G711Encoding(G711 law) {
        this.law = law;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset, int max) {
        int n = Math.min(TranscodingDirection.PCM_FRAME, max);
        law.encode(pcm, 0, out, offset, n);
        return n;
    }
}
