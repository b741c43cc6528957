package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * jain-sip's NIO TLS processor with the outbound-socket fix of {@link OutboundSockets}, so a call
 * leg the edge opens towards a TLS PBX does not lose its first request, and the
 * {@link StreamSockets} options on the connections it accepts.
 */
public final class TlsProcessor extends NioTlsMessageProcessor {

    public TlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        nioHandler = new OutboundSockets(stack, this);
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        StreamSockets.configure(client);
        return super.createMessageChannel(processor, client);
    }
}
