package io.ringedge.events;

/**
 * A device registered (or refreshed its registration) over WebSocket.
 *
 * @param expiresSeconds granted expiry
 * @param edgeNode       edge whose WebSocket holds the device
 */
public record DeviceRegistered(String deviceId, String tenantId, String userId, String edgeNode,
                               int expiresSeconds) implements DeviceEvent {
}
