package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** An accepted WS connection whose unframeable input (frames that are not SIP) is counted. */
final class ScreenedWebSocketChannel extends NioWebSocketMessageChannel {

    private final StreamScreening screening;

    ScreenedWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket,
                             StreamScreening screening) throws IOException {
        super(stack, processor, socket);
        this.screening = screening;
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        screening.feed(() -> super.addBytes(bytes));
    }
}
