package io.ringedge.media.transcode;

import io.ringedge.media.dtmf.TelephoneEventRelay;
import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;

/**
 * Both legs use the same codec: no decode. Audio payload bytes go through untouched; only the
 * payload type, SSRC, sequence number and timestamp are rewritten. Telephone events are relayed
 * with their own payload type mapping (same clock on both sides).
 */
public final class PassThroughDirection implements MediaDirection {
    private final LegFormat from;
    private final LegFormat to;
    private final TelephoneEventRelay events;
    private final StreamRewriter stream;
    private final DirectionCounters counters = new DirectionCounters();

    PassThroughDirection(LegFormat from, LegFormat to, StreamRewriter stream) {
        this.from = from;
        this.to = to;
        this.stream = stream;
        int clock = from.codec().clockRate();
        // The rewriter after the relay shifts timestamps, so the relay keeps the input timeline.
        this.events = new TelephoneEventRelay(to.eventPayloadType(), clock, clock, timestamp -> timestamp);
    }

    @Override
    public RtpPacket receive(RtpPacket packet, long nowMs) {
        if (RtpHeader.check(packet.buffer(), 0, packet.length()) != RtpCheck.VALID) {
            counters.malformed++;
            return null;
        }
        int payloadType = RtpHeader.payloadType(packet.buffer(), 0);
        if (payloadType == from.audioPayloadType()) {
            RtpHeader.setPayloadType(packet.buffer(), 0, to.audioPayloadType());
            counters.forwarded++;
            return stream.transform(packet);
        }
        if (from.hasEvents() && payloadType == from.eventPayloadType() && to.hasEvents()) {
            if (events.transform(packet) == null) {
                counters.malformed++;
                return null;
            }
            counters.events++;
            return stream.transform(packet);
        }
        counters.unknownPayloadType++;
        return null;
    }

    @Override
    public RtpPacket tick(long nowMs) {
        return null;
    }

    @Override
    public DirectionCounters counters() {
        return counters;
    }
}
