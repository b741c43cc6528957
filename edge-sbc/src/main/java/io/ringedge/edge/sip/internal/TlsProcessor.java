package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.net.InetAddress;

/**
 * jain-sip's NIO TLS processor with the outbound-socket fix of {@link OutboundSockets}, so a call
 * leg the edge opens towards a TLS PBX does not lose its first request.
 */
public final class TlsProcessor extends NioTlsMessageProcessor {

    public TlsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        nioHandler = new OutboundSockets(stack, this);
    }
}
