package io.ringedge.edge.call;

import io.ringedge.events.CallEnded.LegQuality;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where media is anchored: the seam between call signalling and the media workers. The call
 * adapter passes every SDP that crosses from one leg to the other through it, so the state
 * machine never sees an address. The edge's anchor ({@code io.ringedge.edge.media}) opens one
 * worker session per device fork and rewrites each body (WebRTC offer toward the device, the
 * worker's RTP address toward the PBX); a relaying edge passes SDP unchanged ({@link SdpPassThrough}).
 *
 * <p>Called on the call's own thread, one call at a time; may block for a few milliseconds.
 */
public interface MediaAnchor {

    /** An SDP to send on, or why there is none: expected answers, never exceptions. */
    sealed interface Outcome {

        /** The SDP for the other leg (empty when the incoming message carried none). */
        record Relayed(Optional<Sdp> sdp) implements Outcome {
            public Relayed {
                Objects.requireNonNull(sdp, "sdp");
            }
        }

        /**
         * The media cannot be carried: {@code status} is the SIP status for the leg that sent the
         * SDP (488 for nothing usable in it, 503 when no worker could take it), {@code reason}
         * says why in words for a Warning header and the logs.
         */
        record Refused(int status, String reason) implements Outcome {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** The SDP of the INVITE to one device fork, from the PBX's offer (empty for a late offer). */
    Outcome offerToDevice(String callId, ForkId fork, Optional<Sdp> pbxOffer);

    /** The SDP the PBX gets in the 200 OK, from that fork's device's answer. */
    Outcome answerToPbx(String callId, ForkId fork, Optional<Sdp> deviceSdp);

    /** The SDP of the ACK to the winning device, from the PBX's ACK (a late offer's answer). */
    Optional<Sdp> ackToDevice(String callId, ForkId fork, Optional<Sdp> pbxAckSdp);

    /** This fork will not carry the call (it failed, lost the race, or was refused): free its media now. */
    void dropFork(String callId, ForkId fork);

    /**
     * The call is over: free whatever was allocated for it. Called once per call, before its
     * {@code CallEnded} is published, which carries the media figures returned here (none if none).
     */
    List<LegQuality> release(String callId);
}
