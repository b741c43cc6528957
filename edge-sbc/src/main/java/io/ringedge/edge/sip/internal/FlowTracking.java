package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import io.ringedge.edge.sip.ws.FlowTable;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * What the WebSocket processors report to the {@link FlowTable}. jain-sip creates the processors
 * by reflection, so the table is attached after the listening point exists and before any device
 * can know the port (the edge has not announced it yet).
 */
final class FlowTracking {

    private final String transport;
    private volatile FlowTable flows;

    FlowTracking(String transport) {
        this.transport = transport;
    }

    void attach(FlowTable table) {
        this.flows = table;
    }

    void accepted(SocketChannel client) throws IOException {
        FlowTable table = flows;
        if (table != null && client.getRemoteAddress() instanceof InetSocketAddress remote) {
            table.opened(transport, remote);
        }
    }

    /** jain-sip's only close path for a NIO connection ends in the processor's remove(channel). */
    void removed(ConnectionOrientedMessageChannel channel) {
        FlowTable table = flows;
        if (table != null && channel.getPeerPacketSourceAddress() != null) {
            table.closed(transport,
                    new InetSocketAddress(channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort()));
        }
    }
}
