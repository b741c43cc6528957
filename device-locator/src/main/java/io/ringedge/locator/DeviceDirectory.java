package io.ringedge.locator;

import java.time.Duration;
import java.util.List;

/**
 * Registrations of devices, shared by every edge. Implemented over Redis; a binding's lifetime
 * in the store is its registration expiry, so a lost write heals at the device's next REGISTER.
 */
public interface DeviceDirectory {

    /**
     * Creates or refreshes the binding; it disappears after {@code expires} unless refreshed. Its
     * push handle, if any, is kept longer than the binding; a binding without one drops the
     * device's earlier handle (the device stopped asking to be woken).
     *
     * @return the user's live bindings afterwards, this one included, as {@link #bindings} would
     *         answer: what a registrar's 200 lists
     */
    List<Binding> bind(Binding binding, Duration expires);

    /**
     * Removes one device's binding (REGISTER with Expires: 0). Returns it if there was one. The
     * device signed off, so its push handle goes too: it is neither attached nor asleep any more.
     */
    java.util.Optional<Binding> unbind(String tenantId, String userId, String deviceId);

    /**
     * Removes every binding carried by one WebSocket flow (the connection closed) and returns them.
     * A device that has re-registered over another flow since keeps that binding. Push handles
     * stay: a device whose connection closed is asleep and can be woken (RFC 8599).
     */
    List<Binding> unbindFlow(String edgeNode, String flowId);

    /** The live bindings of a user's devices. */
    List<Binding> bindings(String tenantId, String userId);
}
