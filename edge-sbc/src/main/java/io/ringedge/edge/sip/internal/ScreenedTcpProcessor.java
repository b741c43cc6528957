package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.ringedge.edge.sip.RejectCounters;
import io.ringedge.edge.sip.ws.FlowTable;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * jain-sip's NIO TCP processor whose accepted connections count unframeable input and whose new
 * outbound connections are not lost ({@link OutboundSockets}).
 */
public final class ScreenedTcpProcessor extends NioTcpMessageProcessor implements EdgeProcessor {

    private final StreamScreening screening = new StreamScreening();

    public ScreenedTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        // Replaces the handler the super constructor made, before start(); that one only left an
        // idle-socket audit task on the stack timer, which stops with the stack.
        nioHandler = new OutboundSockets(stack, this);
    }

    @Override
    public void attach(FlowTable flows, RejectCounters counters) {
        screening.attach(counters);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        StreamSockets.configure(client);
        NioTcpMessageChannel channel = nioHandler.getMessageChannel(client);
        if (channel == null) {
            channel = new ScreenedTcpChannel(processor, client, screening);
            nioHandler.putMessageChannel(client, channel);
        }
        return channel;
    }
}
