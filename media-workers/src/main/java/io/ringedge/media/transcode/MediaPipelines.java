package io.ringedge.media.transcode;

import io.ringedge.media.codec.g711.G711;
import io.ringedge.media.codec.opus.OpusFrameDecoder;
import io.ringedge.media.codec.opus.OpusFrameEncoder;
import io.ringedge.media.codec.opus.OpusRtp;
import io.ringedge.media.jitter.JitterBuffer;
import io.ringedge.media.rtp.RtpPacketPool;
import java.util.random.RandomGenerator;

/**
 * The one place a call's media directions are assembled: pass-through when both legs share the
 * codec (no decode), otherwise decode, jitter buffer and re-encode.
 */
public final class MediaPipelines {
    /** Longest G.711 payload a jitter-buffer slot holds: 60 ms. Longer packets are oversize. */
    private static final int MAX_G711_PAYLOAD = 480;

    private final MediaSettings settings;
    private final RandomGenerator random;

    /** @param random for the initial sequence numbers and timestamps RFC 3550 §5.1 wants random */
    public MediaPipelines(MediaSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** Media from leg {@code from} to leg {@code to}, with packets of the call's {@code pool}. */
    public MediaDirection direction(LegFormat from, LegFormat to, RtpPacketPool pool) {
        int firstSequence = random.nextInt(0x10000);
        long firstTimestamp = random.nextLong(0x1_0000_0000L);
        if (from.codec() == to.codec()) {
            return new PassThroughDirection(from, to,
                    new StreamRewriter(to.ssrc(), to.codec().timestampPerFrame(), firstSequence, firstTimestamp));
        }
        DirectionCounters counters = new DirectionCounters();
        int maxPayload = from.codec() == AudioCodec.OPUS ? OpusRtp.MAX_PACKET : MAX_G711_PAYLOAD;
        JitterBuffer jitter = new JitterBuffer(settings.jitter(from.codec().clockRate()), maxPayload);
        return new TranscodingDirection(from, to, jitter, decoder(from.codec(), counters), encoder(to.codec()), pool,
                counters, firstSequence, firstTimestamp);
    }

    private FrameDecoder decoder(AudioCodec codec, DirectionCounters counters) {
        return switch (codec) {
            case PCMU -> new G711Decoding(G711.PCMU);
            case PCMA -> new G711Decoding(G711.PCMA);
            case OPUS -> new OpusDecoding(new OpusFrameDecoder(settings.opus()), counters);
        };
    }

    private FrameEncoder encoder(AudioCodec codec) {
        return switch (codec) {
            case PCMU -> new G711Encoding(G711.PCMU);
            case PCMA -> new G711Encoding(G711.PCMA);
            case OPUS -> new OpusEncoding(new OpusFrameEncoder(settings.opus()));
        };
    }
}
