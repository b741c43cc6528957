package io.ringedge.media.control;

/** {@code POST /v1/sessions/{id}/answer}: the device's SDP answer. */
public record AnswerRequest(String deviceAnswer) {
}
