package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.ws.FlowTable;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** jain-sip's WSS processor, reporting each accepted and removed connection as a flow, its connections framed by {@link WebSocketInput}. */
public final class TrackedSecureWebSocketProcessor extends NioTlsWebSocketMessageProcessor implements EdgeProcessor {

    private final FlowTracking tracking = new FlowTracking("WSS");

    public TrackedSecureWebSocketProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        transport = "WSS";
    }

    @Override
    public void attach(FlowTable flows, RejectCounters counters) {
        tracking.attach(flows);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        StreamSockets.configure(client);
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new FramedSecureWebSocketChannel(sipStack, processor, client);
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
