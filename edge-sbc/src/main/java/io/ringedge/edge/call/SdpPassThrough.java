package io.ringedge.edge.call;

import io.ringedge.events.CallEnded.LegQuality;

import java.util.List;
import java.util.Optional;

/**
 * Media flows directly between the two sides: every SDP crosses unchanged. A call relayed to a
 * device on this edge for the edge holding it uses it: the holding edge anchored the media already.
 */
public final class SdpPassThrough implements MediaAnchor {

    /** Nothing to open: the media is not anchored here. */
    @Override
    public void prepareForDevice(String callId, String deviceId, Optional<Sdp> pbxOffer) {
    }

    @Override
    public Outcome offerToDevice(String callId, ForkId fork, String deviceId, Optional<Sdp> pbxOffer) {
        return new Outcome.Relayed(pbxOffer);
    }

    @Override
    public Outcome answerToPbx(String callId, ForkId fork, Optional<Sdp> deviceSdp) {
        return new Outcome.Relayed(deviceSdp);
    }

    @Override
    public Optional<Sdp> ackToDevice(String callId, ForkId fork, Optional<Sdp> pbxAckSdp) {
        return pbxAckSdp;
    }

    /** Every mid-call offer goes on to the other side, as it came. */
    @Override
    public Renegotiated reoffer(String callId, ForkId winner, Party from, Sdp offer) {
        return new Renegotiated.Offer(offer);
    }

    @Override
    public Renegotiated reanswer(String callId, ForkId winner, Party from, Sdp answer) {
        return new Renegotiated.Answer(answer);
    }

    @Override
    public void abandonReoffer(String callId, ForkId winner) {
        // nothing was changed
    }

    @Override
    public void dropFork(String callId, ForkId fork) {
        // nothing was allocated
    }

    @Override
    public List<LegQuality> release(String callId) {
        return List.of();
    }
}
