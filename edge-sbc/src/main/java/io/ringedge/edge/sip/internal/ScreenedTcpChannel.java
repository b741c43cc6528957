package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** An accepted TCP connection whose unframeable input is counted. */
final class ScreenedTcpChannel extends NioTcpMessageChannel {

    private final StreamScreening screening;

    ScreenedTcpChannel(NioTcpMessageProcessor processor, SocketChannel socket, StreamScreening screening)
            throws IOException {
        super(processor, socket);
        // what jain-sip's own NioTcpMessageProcessor.createMessageChannel sets after construction
        this.messageProcessor = processor;
        this.screening = screening;
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        screening.feed(() -> super.addBytes(bytes));
    }
}
