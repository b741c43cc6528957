package io.ringedge.media.transcode;

import io.ringedge.media.jitter.JitterBuffer;
import io.ringedge.media.jitter.Playout;

/** Turns what the jitter buffer gave for one tick into 20 ms of 8 kHz PCM, concealing a missing frame. */
interface FrameDecoder {
    /** {@code playout} is FRAME or MISSING; writes {@link TranscodingDirection#PCM_FRAME} samples. */
    void decode(JitterBuffer buffer, Playout playout, short[] pcm);
}
