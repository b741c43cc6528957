package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.ws.FlowTable;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** jain-sip's WS processor, reporting each accepted and removed connection as a flow and counting frames that are not SIP. */
public final class TrackedWebSocketProcessor extends NioWebSocketMessageProcessor implements EdgeProcessor {

    private final FlowTracking tracking = new FlowTracking("WS");
    private final StreamScreening screening = new StreamScreening();

    public TrackedWebSocketProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        transport = "WS";
    }

    @Override
    public void attach(FlowTable flows, RejectCounters counters) {
        tracking.attach(flows);
        screening.attach(counters);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        StreamSockets.configure(client);
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new ScreenedWebSocketChannel(sipStack, processor, client, screening);
            nioHandler.putMessageChannel(client, channel);
        }
        tracking.accepted(client);
        return channel;
    }

    @Override
    protected synchronized void remove(ConnectionOrientedMessageChannel channel) {
        super.remove(channel);
        tracking.removed(channel);
    }
}
