package io.ringedge.media.transcode;

import io.ringedge.media.rtp.RtpPacket;

/**
 * Media flowing one way through a call, from one leg to the other. The caller owns every packet it
 * passes to {@link #receive} and releases it to its pool afterwards; a packet returned by
 * {@link #tick} comes from the pool and is the caller's to send and release.
 */
public sealed interface MediaDirection permits PassThroughDirection, TranscodingDirection {

    /** Takes one received RTP packet; returns it rewritten to send on the other leg now, or null. */
    RtpPacket receive(RtpPacket packet, long nowMs);

    /** The 20 ms media clock: a transcoded frame to send, or null (nothing due, DTX, or pass-through). */
    RtpPacket tick(long nowMs);

    DirectionCounters counters();
}
