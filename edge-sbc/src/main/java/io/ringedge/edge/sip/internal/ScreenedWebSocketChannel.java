package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An accepted WS connection whose unframeable input (frames that are not SIP) is counted, and whose
 * frames reach jain-sip one whole frame at a time, so a Close is always seen and answered
 * ({@link WebSocketInput}).
 */
final class ScreenedWebSocketChannel extends NioWebSocketMessageChannel {

    private final StreamScreening screening;
    private final WebSocketInput input;

    ScreenedWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket,
                             StreamScreening screening) throws IOException {
        super(stack, processor, socket);
        this.screening = screening;
        this.input = new WebSocketInput(stack.getMaxMessageSize());
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        screening.feed(() -> input.receive(bytes, super::addBytes, b -> sendNonWebSocketMessage(b, false)));
    }
}
