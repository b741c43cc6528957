package io.ringedge.edge.call;

import java.util.Optional;

/**
 * Where media is anchored: the seam between call signalling and the media workers. The call
 * adapter passes every SDP that crosses from one leg to the other through it, so the state
 * machine never sees an address. In this issue SDP is relayed unchanged ({@link SdpPassThrough});
 * the media-worker client will allocate a session per fork and rewrite each body (WebRTC offer
 * toward the device, its own RTP address toward the PBX).
 *
 * <p>Called on the call's own thread, one call at a time; may block for a few milliseconds.
 */
public interface MediaAnchor {

    /** The SDP of the INVITE to one device fork, from the PBX's offer (empty for a late offer). */
    Optional<Sdp> offerToDevice(String callId, ForkId fork, Optional<Sdp> pbxOffer);

    /** The SDP the PBX gets in the 200 OK, from the winning device's SDP. */
    Optional<Sdp> answerToPbx(String callId, ForkId fork, Optional<Sdp> deviceSdp);

    /** The SDP of the ACK to the winning device, from the PBX's ACK (a late offer's answer). */
    Optional<Sdp> ackToDevice(String callId, ForkId fork, Optional<Sdp> pbxAckSdp);

    /** The call is over: free whatever was allocated for it. Called once per call. */
    void release(String callId);
}
