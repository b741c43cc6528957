package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An accepted WSS connection whose decrypted frames reach jain-sip one whole frame at a time, and
 * whose device's Close is answered inside TLS ({@link WebSocketInput}).
 */
final class FramedSecureWebSocketChannel extends NioTlsWebSocketMessageChannel {

    private final WebSocketInput input;

    FramedSecureWebSocketChannel(SIPTransactionStack stack, NioTcpMessageProcessor processor, SocketChannel socket)
            throws IOException {
        super(stack, processor, socket);
        this.input = new WebSocketInput(stack.getMaxMessageSize());
    }

    /** Called with what TLS decrypted: the handshake, then WebSocket frames. */
    @Override
    public void addPlaintextBytes(byte[] bytes) throws Exception {
        input.receive(bytes, super::addPlaintextBytes, b -> sendNonWebSocketMessage(b, false));
    }
}
