package io.ringedge.media.transcode;

import io.ringedge.media.codec.opus.OpusFrameEncoder;

/**
 * PCM to an Opus payload. With DTX the encoder returns a TOC-only packet of one or two octets for
 * a silent frame; such packets are not sent (the receiver's decoder fills the gap with comfort
 * noise), which is what makes DTX save bandwidth.
 */
final class OpusEncoding implements FrameEncoder {
    private static final int DTX_PACKET = 2;
    private final OpusFrameEncoder encoder;

    OpusEncoding(OpusFrameEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public int encode(short[] pcm, byte[] out, int offset, int max) {
        int length = encoder.encode(pcm, 0, out, offset, max);
        return length <= DTX_PACKET ? 0 : length;
    }
}
