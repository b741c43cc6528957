package io.ringedge.edge.call;

import java.util.Objects;

/**
 * The one mid-call request a connected call is carrying through (RFC 3261 §14: one offer at a
 * time; a second re-INVITE or UPDATE meanwhile is glare, 491): who sent it, its name for the
 * answer, its method, and how far it got.
 */
public record MidCall(Party from, RequestRef request, String method, Stage stage) {

    public enum Stage {
        /** The media anchor is reading the offer. */
        MEDIA_OFFER,
        /** The anchor's offer went to the other side in a request of the same method. */
        OFFER_RELAYED,
        /** A request without an offer (INFO, ...) went to the other side as it came. */
        RELAYED,
        /** The other side answered; the anchor is turning its answer into one for {@code from}. */
        MEDIA_ANSWER
    }

    public MidCall {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(stage, "stage");
    }

    public MidCall at(Stage next) {
        return new MidCall(from, request, method, next);
    }
}
