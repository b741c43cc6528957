package io.ringedge.edge.call;

import java.util.Optional;

/** Media flows directly between the PBX and the device: every SDP crosses unchanged. */
public final class SdpPassThrough implements MediaAnchor {

    @Override
    public Optional<Sdp> offerToDevice(String callId, ForkId fork, Optional<Sdp> pbxOffer) {
        return pbxOffer;
    }

    @Override
    public Optional<Sdp> answerToPbx(String callId, ForkId fork, Optional<Sdp> deviceSdp) {
        return deviceSdp;
    }

    @Override
    public Optional<Sdp> ackToDevice(String callId, ForkId fork, Optional<Sdp> pbxAckSdp) {
        return pbxAckSdp;
    }

    @Override
    public void release(String callId) {
        // nothing was allocated
    }
}
