package io.ringedge.events;

import java.util.List;

/**
 * The call is over, answered or not. The last event of every call.
 *
 * @param cause         why it ended
 * @param sipStatus     final status the PBX saw for its INVITE (200 if answered)
 * @param setupMillis   INVITE received to final response sent
 * @param talkMillis    answer to end; 0 when never answered
 * @param media         media quality per leg from the media worker's final session stats, taken
 *                      just before the session was deleted: empty when no session carried media
 *                      (unanswered call) or the worker could not be asked (it was gone)
 */
public record CallEnded(String callId, EndCause cause, int sipStatus, long setupMillis, long talkMillis,
                        List<LegQuality> media) implements CallEvent {

    public CallEnded {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** An ending without media figures (unanswered, or before the worker reported). */
    public CallEnded(String callId, EndCause cause, int sipStatus, long setupMillis, long talkMillis) {
        this(callId, cause, sipStatus, setupMillis, talkMillis, List.of());
    }

    /** The same ending with the media figures of its legs. */
    public CallEnded withMedia(List<LegQuality> legs) {
        return new CallEnded(callId, cause, sipStatus, setupMillis, talkMillis, legs);
    }

    /** Which side of the media worker a leg's figures describe. */
    public enum Leg {
        /** toward the PBX: plain RTP or SDES-SRTP */
        PBX,
        /** toward the device: ICE + DTLS-SRTP */
        DEVICE
    }

    /**
     * One leg's media as the worker measured it: RTP received from the leg (packets, lost, RFC 3550
     * interarrival jitter), RTP sent to it, and, once RTCP reports allowed them, the round-trip
     * time (RFC 3550 §6.4.1) and an E-model MOS estimate (ITU-T G.107); those two are null until then.
     */
    public record LegQuality(Leg leg, String codec, long packetsReceived, long packetsLost, double jitterMs,
                             long packetsSent, Double rttMs, Double mos) {
    }

    public enum EndCause {
        /** the PBX side sent BYE */
        CALLER_HANGUP,
        /** the device sent BYE */
        CALLEE_HANGUP,
        /** the caller sent CANCEL before answer */
        CALLER_CANCELLED,
        /** every device answered busy (486) */
        BUSY,
        /** every device declined (603) */
        DECLINED,
        /** no device answered within the ring timeout (480) */
        NO_ANSWER,
        /** the user has no device that can be reached (480) */
        NO_DEVICES,
        /** every fork failed for another reason */
        FAILED,
        /** the PBX's offer has no codec or transport the media worker can carry (488 to the PBX) */
        MEDIA_REJECTED,
        /** no media worker could take the call (503 to the PBX) */
        NO_MEDIA_WORKER,
        /** no RTP arrived from a leg for the media timeout */
        MEDIA_TIMEOUT,
        /** the device stopped answering ICE consent checks (RFC 7675 §5.1) */
        CONSENT_LOST,
        /** the media worker holding the call's media vanished from the registry or stopped answering */
        MEDIA_WORKER_LOST,
        /** the call's media failed otherwise (ICE or DTLS failed or closed, socket error) */
        MEDIA_FAILED
    }
}
