package io.ringedge.media.dtmf;

import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpNode;
import io.ringedge.media.rtp.RtpPacket;
import java.util.function.LongUnaryOperator;

/**
 * Relays RFC 4733 telephone-event packets to the other leg: payload type mapped, duration rescaled
 * to the other leg's event clock (PT 101 at 8000 Hz, 800 units = 100 ms, becomes PT 110 at
 * 48000 Hz, 4800 units), timestamp moved onto the other leg's media timeline. Every packet is
 * relayed, the three end-bit retransmissions included (RFC 4733 §2.5.1.4), so the far end sees the
 * event exactly as sent.
 *
 * <p>All packets of one event share the timestamp of its start (§2.5.1); the relay maps it once,
 * when the event's first packet arrives, and reuses that for the rest. A rescaled duration beyond
 * 16 bits is carried on as a new segment, with the timestamp advanced by the previous segments
 * (§2.5.1.3). SSRC and sequence number are left to the stream node after this one.
 */
public final class TelephoneEventRelay implements RtpNode {
    private final int payloadTypeOut;
    private final int clockIn;
    private final int clockOut;
    private final LongUnaryOperator timeline;

    private boolean inEvent;
    private long eventTsIn;
    private long eventTsOut;
    private long relayed;
    private long malformed;

    /**
     * @param timeline maps an input RTP timestamp to the output leg's timeline, called once per event
     */
    public TelephoneEventRelay(int payloadTypeOut, int clockIn, int clockOut, LongUnaryOperator timeline) {
        this.payloadTypeOut = payloadTypeOut;
        this.clockIn = clockIn;
        this.clockOut = clockOut;
        this.timeline = timeline;
    }

    @Override
    public RtpPacket transform(RtpPacket packet) {
        byte[] buf = packet.buffer();
        int at = packet.payloadOffset();
        if (packet.payloadLength() < TelephoneEvent.LENGTH) {
            malformed++;
            return null;
        }
        long tsIn = RtpHeader.timestamp(buf, 0);
        if (!inEvent || tsIn != eventTsIn) {
            inEvent = true;
            eventTsIn = tsIn;
            eventTsOut = timeline.applyAsLong(tsIn);
        }
        long duration = (long) TelephoneEvent.duration(buf, at) * clockOut / clockIn;
        // Segments of 0xFFFF units each; the new segment's timestamp is the old one plus 0xFFFF.
        long segment = duration > TelephoneEvent.MAX_DURATION ? (duration - 1) / TelephoneEvent.MAX_DURATION : 0;
        TelephoneEvent.setDuration(buf, at, (int) (duration - segment * TelephoneEvent.MAX_DURATION));
        RtpHeader.setTimestamp(buf, 0, eventTsOut + segment * TelephoneEvent.MAX_DURATION);
        RtpHeader.setPayloadType(buf, 0, payloadTypeOut);
        relayed++;
        return packet;
    }

    public long relayed() {
        return relayed;
    }

    /** Packets too short to hold an event; dropped. */
    public long malformed() {
        return malformed;
    }
}
