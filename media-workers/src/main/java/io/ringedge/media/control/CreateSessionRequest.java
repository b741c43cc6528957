package io.ringedge.media.control;

/** {@code POST /v1/sessions}: the call it belongs to and the PBX's SDP offer. */
public record CreateSessionRequest(String callId, String pbxOffer) {
}
