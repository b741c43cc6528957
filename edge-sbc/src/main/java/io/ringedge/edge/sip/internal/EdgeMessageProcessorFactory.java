package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Named in {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}: jain-sip's NIO processors (the only
 * ones with WebSocket support), with the WS and WSS ones replaced by flow-tracking subclasses, the
 * TCP and WS ones counting input they cannot frame, and TCP and TLS keeping new outbound sockets
 * ({@link OutboundSockets}). TLS and WSS connections are not screened for unframeable input: jain-sip's
 * TLS channels decrypt inside the method that would be wrapped, which is left for later.
 */
public final class EdgeMessageProcessorFactory implements MessageProcessorFactory {

    private final NioMessageProcessorFactory nio = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if ("WS".equalsIgnoreCase(transport)) {
            return new TrackedWebSocketProcessor(address, stack, port);
        }
        if ("TCP".equalsIgnoreCase(transport)) {
            return new ScreenedTcpProcessor(address, stack, port);
        }
        if ("TLS".equalsIgnoreCase(transport)) {
            return new TlsProcessor(address, stack, port);
        }
        if ("WSS".equalsIgnoreCase(transport)) {
            return new TrackedSecureWebSocketProcessor(address, stack, port);
        }
        return nio.createMessageProcessor(stack, address, port, transport);
    }
}
