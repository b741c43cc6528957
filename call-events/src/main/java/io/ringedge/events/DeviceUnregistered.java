package io.ringedge.events;

/** A device's binding is gone. */
public record DeviceUnregistered(String deviceId, String tenantId, String userId, Reason reason)
        implements DeviceEvent {

    public enum Reason {
        /** REGISTER with Expires: 0 */
        UNREGISTERED,
        /** the WebSocket closed */
        CONNECTION_CLOSED,
        /** the binding expired without refresh */
        EXPIRED
    }
}
