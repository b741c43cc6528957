package io.ringedge.locator;

import io.ringedge.events.PushHandle;

import java.util.Optional;

/**
 * Push handles (RFC 8599 {@code pn-provider}, {@code pn-prid}, {@code pn-param}) are stored by
 * {@link DeviceDirectory#bind} from the REGISTER Contact and outlive the binding: a device whose
 * WebSocket is gone but whose handle is live is asleep and can be woken.
 */
public interface PushHandles {

    /** The device's live push handle, if it has one. */
    Optional<PushHandle> pushHandle(String tenantId, String userId, String deviceId);

    /**
     * Removes the device's handle if it is still {@code rejected} (the provider answered that the
     * token is unregistered or invalid). A handle the device registered since then stays.
     *
     * @return whether a handle was removed
     */
    boolean removePushHandle(String tenantId, String userId, String deviceId, PushHandle rejected);
}
