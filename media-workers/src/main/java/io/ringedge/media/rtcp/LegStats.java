package io.ringedge.media.rtcp;

/**
 * One leg's media statistics at a moment, for the call's live stats and for {@code CallEnded}.
 * Loss and jitter are of the stream we received on the leg; the remote fields are what the far
 * end reported about our stream in its report blocks.
 *
 * @param packetsSent         RTP packets we sent on the leg
 * @param octetsSent          their payload octets (RFC 3550 §6.4.1 sender's octet count)
 * @param packetsReceived     RTP packets received
 * @param octetsReceived      their payload octets
 * @param packetsLost         cumulative lost, expected minus received (RFC 3550 A.3)
 * @param lossPercent         packetsLost over expected, in percent
 * @param jitterMs            interarrival jitter (RFC 3550 §6.4.1, A.8)
 * @param rttMs               round-trip time from LSR/DLSR, or -1 before the first report with an LSR
 * @param remoteFractionLost  the far end's last fraction lost of our stream, 0..255
 * @param remoteJitterMs      the far end's last jitter of our stream
 * @param rating              E-model R (ITU-T G.107)
 * @param mos                 MOS estimate from R (G.107 Annex B)
 */
public record LegStats(long packetsSent, long octetsSent, long packetsReceived, long octetsReceived,
                       long packetsLost, double lossPercent, double jitterMs, double rttMs,
                       int remoteFractionLost, double remoteJitterMs, double rating, double mos) {

    /**
     * Snapshots a leg. The one-way delay for the E-model is half the RTT (0 before one is known)
     * plus our jitter buffer's playout delay, which the listener also waits through.
     */
    public static LegStats of(LegRtcp leg, CodecImpairment codec, double jitterBufferMs) {
        ReceptionStatistics in = leg.reception();
        long lost = in.cumulativeLost();
        long expected = lost + in.received();
        double lossPercent = expected <= 0 ? 0 : 100.0 * Math.max(0, lost) / expected;
        double oneWay = Math.max(0, leg.rttMs()) / 2 + jitterBufferMs;
        double rating = EModel.rating(oneWay, codec, lossPercent);
        return new LegStats(leg.sender().packets(), leg.sender().octets(), in.received(), in.octets(),
                lost, lossPercent, in.jitterMs(), leg.rttMs(), leg.remoteFractionLost(), leg.remoteJitterMs(),
                rating, EModel.mos(rating));
    }
}
