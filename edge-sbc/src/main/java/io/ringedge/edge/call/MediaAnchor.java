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

    /**
     * What a mid-call offer or answer came to: the answer to send back to the side that offered,
     * an offer for the other side, or a refusal with the SIP status for the side that sent it (488
     * for a change the media cannot make, 491 when another offer is under way).
     */
    sealed interface Renegotiated {

        record Answer(Sdp sdp) implements Renegotiated {
            public Answer {
                Objects.requireNonNull(sdp, "sdp");
            }
        }

        record Offer(Sdp sdp) implements Renegotiated {
            public Offer {
                Objects.requireNonNull(sdp, "sdp");
            }
        }

        record Refused(int status, String reason) implements Renegotiated {
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * {@code from}'s mid-call offer (RFC 3264 §8) on the call answered by {@code winner}: answered
     * here when it changes only {@code from}'s side of the media (an ICE restart), else an offer
     * for the other side (hold, resume), whose answer then goes to {@link #reanswer}.
     */
    Renegotiated reoffer(String callId, ForkId winner, Party from, Sdp offer);

    /** {@code from}'s answer to the offer {@link #reoffer} made for it: the answer for the side that offered. */
    Renegotiated reanswer(String callId, ForkId winner, Party from, Sdp answer);

    /** The other side refused the offer {@link #reoffer} made: the media stays as it was. */
    void abandonReoffer(String callId, ForkId winner);

    /**
     * {@code deviceId} is being woken for this call and may attach: the anchor may open its media
     * now, while the push travels, so that its INVITE does not wait for it. Returns at once; the
     * device's {@link #offerToDevice} takes what was prepared, and {@link #release} frees it if the
     * device never came.
     */
    void prepareForDevice(String callId, String deviceId, Optional<Sdp> pbxOffer);

    /** The SDP of the INVITE to {@code deviceId}'s fork, from the PBX's offer (empty for a late offer). */
    Outcome offerToDevice(String callId, ForkId fork, String deviceId, Optional<Sdp> pbxOffer);

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
