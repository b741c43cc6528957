package io.ringedge.edge.call.internal;

import javax.sip.SipProvider;
import javax.sip.address.SipURI;

/**
 * Where and how an INVITE reaches one device.
 *
 * @param provider   the provider of the listener that holds the device's WebSocket
 * @param requestUri the device's registered Contact, pinned to its flow so the stack's router
 *                   sends the request over that very connection (RFC 7118 §5.2: the {@code .invalid}
 *                   host cannot be resolved)
 * @param flowId     that flow, to pin the device's dialog target (its 2xx Contact) to as well
 */
record DeviceTarget(SipProvider provider, SipURI requestUri, String flowId) {
}
