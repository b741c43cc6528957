package io.ringedge.edge.sip.ws;

import java.net.InetSocketAddress;

/**
 * One live WebSocket connection from a device.
 *
 * @param id        this edge's flow id
 * @param transport {@code WS} or {@code WSS}
 * @param remote    the device's address as seen on the socket (what jain-sip keys its connection by)
 */
public record Flow(FlowId id, String transport, InetSocketAddress remote) {
}
