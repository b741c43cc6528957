package io.ringedge.media.transcode;

/** Encodes 20 ms of 8 kHz PCM into an RTP payload. */
interface FrameEncoder {
    /** Writes the payload at {@code out[offset..offset + max)}; returns its length, or 0 when nothing needs sending (DTX). */
    int encode(short[] pcm, byte[] out, int offset, int max);
}
