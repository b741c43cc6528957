package io.ringedge.media.control;

/** The new session and the WebRTC offer to send to the device. */
public record SessionCreated(String sessionId, String deviceOffer) {
}
