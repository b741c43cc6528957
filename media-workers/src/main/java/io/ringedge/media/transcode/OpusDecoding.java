package io.ringedge.media.transcode;

import io.ringedge.media.codec.opus.OpusCodecException;
import io.ringedge.media.codec.opus.OpusFrameDecoder;
import io.ringedge.media.jitter.JitterBuffer;
import io.ringedge.media.jitter.Playout;
import java.util.Arrays;

/**
 * Opus payload to PCM. A missing frame is rebuilt from the next packet's in-band FEC when the
 * jitter buffer already holds it (RFC 6716 §2.1.7), else concealed by the decoder's PLC, which
 * also yields comfort noise through the sender's DTX pauses. A corrupt packet is concealed too.
 */
final class OpusDecoding implements FrameDecoder {
    private final OpusFrameDecoder decoder;
    private final DirectionCounters counters;

    OpusDecoding(OpusFrameDecoder decoder, DirectionCounters counters) {
        this.decoder = decoder;
        this.counters = counters;
    }

    @Override
    public void decode(JitterBuffer buffer, Playout playout, short[] pcm) {
        try {
            if (playout == Playout.FRAME) {
                decoder.decode(buffer.payload(), 0, buffer.payloadLength(), pcm, 0);
            } else if (buffer.hasFollowing()) {
                decoder.recover(buffer.followingPayload(), 0, buffer.followingLength(), pcm, 0);
            } else {
                decoder.conceal(pcm, 0);
            }
        } catch (OpusCodecException e) {
            counters.undecodable++;
            try {
                decoder.conceal(pcm, 0);
            } catch (OpusCodecException stillFailing) {
                Arrays.fill(pcm, (short) 0); // a frame of silence rather than a dead media thread
            }
        }
    }
}
