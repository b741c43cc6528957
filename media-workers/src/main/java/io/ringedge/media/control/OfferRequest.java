package io.ringedge.media.control;

/**
 * {@code POST /v1/sessions/{id}/offer} (a leg's mid-call offer) and {@code POST
 * /v1/sessions/{id}/offer/answer} (the other leg's answer to it): which leg sent it, {@code pbx}
 * or {@code device}, and its SDP.
 */
public record OfferRequest(String leg, String sdp) {
}
