package io.ringedge.media.control;

import io.ringedge.media.sdp.Leg;

/** What a mid-call offer, or the answer to one, came to. Every case is an expected answer. */
public sealed interface OfferOutcome {

    record Offered(SessionOffered offered) implements OfferOutcome {
    }

    record BadSdp(String reason) implements OfferOutcome {
    }

    /** Nothing usable, or a change the worker cannot make mid-call: {@code sipStatus} 488 on {@code leg}. */
    record NotAcceptable(Leg leg, int sipStatus, String reason) implements OfferOutcome {
    }

    record UnknownSession(String sessionId) implements OfferOutcome {
    }

    /**
     * The request does not fit where the session stands: not answered yet, an offer already
     * pending (the edge answers the offering leg 491, RFC 3261 §14.1), or an answer with no offer
     * pending or from the leg that offered.
     */
    record Conflict(String error, String reason) implements OfferOutcome {
    }
}
