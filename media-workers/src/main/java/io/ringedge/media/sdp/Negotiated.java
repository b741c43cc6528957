package io.ringedge.media.sdp;

/**
 * An offer/answer step's outcome: the agreed value, or a refusal that becomes a SIP response on
 * {@code leg} (488 Not Acceptable Here, RFC 3261 §21.4.26, when no media can be agreed).
 */
public sealed interface Negotiated<T> {

    record Agreed<T>(T value) implements Negotiated<T> {
    }

    record Rejected<T>(Leg leg, int sipStatus, String reason) implements Negotiated<T> {
    }

    static <T> Negotiated<T> notAcceptable(Leg leg, String reason) {
        return new Rejected<>(leg, 488, (leg == Leg.PBX ? "PBX leg: " : "device leg: ") + reason);
    }
}
