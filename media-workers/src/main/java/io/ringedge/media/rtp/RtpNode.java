package io.ringedge.media.rtp;

/**
 * One step of a media pipeline with one contract: take a packet, return it (possibly rewritten in
 * place) to pass it on, or return null to drop it. A node that drops does not release the packet;
 * the chain running the nodes does, so ownership stays in one place.
 */
@FunctionalInterface
public interface RtpNode {
    RtpPacket transform(RtpPacket packet);
}
