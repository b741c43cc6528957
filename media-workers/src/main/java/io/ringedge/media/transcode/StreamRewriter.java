package io.ringedge.media.transcode;

import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpNode;
import io.ringedge.media.rtp.RtpPacket;

/**
 * Pass-through header rewriting: our SSRC for the other leg, and sequence number and timestamp
 * shifted by constant offsets so the other leg sees one continuous stream. Offsets rather than
 * counters keep gaps and reordering visible, so the far end's loss and jitter statistics
 * (RFC 3550 §6.4.1) stay true. When the incoming SSRC changes (the sender restarted its stream)
 * the offsets are chosen anew to continue from the last packet sent, one frame later.
 */
final class StreamRewriter implements RtpNode {
    private final int ssrcOut;
    private final int frameTs;
    private boolean started;
    private int ssrcIn;
    private int sequenceOffset;
    private long timestampOffset;
    private int lastSequenceOut;
    private long lastTimestampOut;

    StreamRewriter(int ssrcOut, int frameTs, int firstSequence, long firstTimestamp) {
        this.ssrcOut = ssrcOut;
        this.frameTs = frameTs;
        this.lastSequenceOut = (firstSequence - 1) & 0xFFFF;
        this.lastTimestampOut = (firstTimestamp - frameTs) & 0xFFFF_FFFFL;
    }

    @Override
    public RtpPacket transform(RtpPacket packet) {
        byte[] buf = packet.buffer();
        int ssrc = RtpHeader.ssrc(buf, 0);
        int sequence = RtpHeader.sequenceNumber(buf, 0);
        long timestamp = RtpHeader.timestamp(buf, 0);
        if (!started || ssrc != ssrcIn) {
            started = true;
            ssrcIn = ssrc;
            sequenceOffset = lastSequenceOut + 1 - sequence;
            timestampOffset = lastTimestampOut + frameTs - timestamp;
        }
        int sequenceOut = (sequence + sequenceOffset) & 0xFFFF;
        long timestampOut = (timestamp + timestampOffset) & 0xFFFF_FFFFL;
        // Remember the newest packet sent (RFC 1982 serial order) for the next re-base.
        if ((short) (sequenceOut - lastSequenceOut) > 0) {
            lastSequenceOut = sequenceOut;
            lastTimestampOut = timestampOut;
        }
        RtpHeader.setSsrc(buf, 0, ssrcOut);
        RtpHeader.setSequenceNumber(buf, 0, sequenceOut);
        RtpHeader.setTimestamp(buf, 0, timestampOut);
        return packet;
    }
}
