package io.ringedge.edge.call;

import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallOffered;
import io.ringedge.events.Caller;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the edge knows about an inbound call once a connection admitted the PBX's INVITE and a DID
 * route named the user. Fixed for the call's life.
 *
 * @param callId       Ringedge's id for the call (never the PBX's Call-ID: topology hiding)
 * @param tenantId     tenant owning the connection
 * @param connectionId connection (PBX trunk) that admitted the INVITE
 * @param did          the dialled number
 * @param userId       user the DID routes to
 * @param caller       caller as the PBX presented it
 * @param edgeNode     this edge node, which holds the call
 * @param pbxOffer     the PBX's SDP offer; empty for a late-offer INVITE (RFC 3261 §13.2.1)
 * @param receivedAt   when the INVITE arrived; start of the setup time in {@code CallEnded}
 */
public record CallContext(String callId, String tenantId, String connectionId, String did, String userId,
                          Caller caller, String edgeNode, Optional<Sdp> pbxOffer, Instant receivedAt) {

    public CallContext {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(edgeNode, "edgeNode");
        Objects.requireNonNull(pbxOffer, "pbxOffer");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    CallOffered offered() {
        return new CallOffered(callId, tenantId, connectionId, did, userId, caller, edgeNode);
    }

    /** The call ends now without an answer; its final response {@code status} goes out now. */
    CallEnded endedUnanswered(EndCause cause, int status, Instant now) {
        return new CallEnded(callId, cause, status, millisBetween(receivedAt, now), 0);
    }

    /** The answered call (the PBX saw 200) ends now. */
    CallEnded endedAnswered(EndCause cause, Instant answeredAt, Instant now) {
        return new CallEnded(callId, cause, 200, millisBetween(receivedAt, answeredAt), millisBetween(answeredAt, now));
    }

    /** Never negative: a clock stepped backwards must not produce a negative duration on the timeline. */
    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
