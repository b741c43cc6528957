package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallContext;
import io.ringedge.events.DevicesLocated.AttachedDevice;

import javax.sip.address.SipURI;
import java.util.Optional;

/** How this edge reaches a located device: the seam between the call adapter and the WebSocket flows. */
interface DeviceReach {

    /** The device's target from this edge, or empty when its registration or flow is gone. */
    Optional<DeviceTarget> target(CallContext call, AttachedDevice device);

    /**
     * Requests to {@code dialogTarget} (the Contact of the device's 1xx/2xx, which becomes the
     * dialog's remote target, RFC 3261 §12.1.2) go over the device's flow too: ACK, BYE.
     */
    void pin(SipURI dialogTarget, String flowId);
}
