package io.ringedge.edge.call.internal;

import javax.sip.SipProvider;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import java.util.Optional;

/**
 * Where and how an INVITE reaches one device.
 *
 * @param provider   the provider of the listener that holds the device's WebSocket
 * @param requestUri the device's registered Contact, pinned to its flow so the stack's router
 *                   sends the request over that very connection (RFC 7118 §5.2: the {@code .invalid}
 *                   host cannot be resolved)
 * @param flowId     that flow, to pin the device's dialog target (its 2xx Contact) to as well
 * @param edgeRoute  for a device attached to another edge: that edge's internal listener, with
 *                   the flow token (RFC 5626 §5.3), as the INVITE's Route
 */
record DeviceTarget(SipProvider provider, SipURI requestUri, String flowId, Optional<RouteHeader> edgeRoute) {

    /** A device whose WebSocket this edge holds. */
    static DeviceTarget local(SipProvider provider, SipURI requestUri, String flowId) {
        return new DeviceTarget(provider, requestUri, flowId, Optional.empty());
    }
}
