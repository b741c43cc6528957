package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jain-sip's NIO socket table, fixed for new outbound connections. In 1.3.0-91
 * {@code NIOHandler.openOutgoingConnection} never marks a connection it opened as connected, so its
 * {@code finally} removes the fresh socket from the table; the first send then misses it, opens a
 * second connection and closes the first, and the request is intermittently lost (seen as
 * "Socket closed before register ops"). Here every socket put in the table is also remembered until
 * it closes, and a lookup the table misses is answered from that memory. Each socket put here gets
 * the edge's {@link StreamSockets} options.
 */
final class OutboundSockets extends NIOHandler {

    private final Map<String, SocketChannel> opened = new ConcurrentHashMap<>();

    OutboundSockets(SIPTransactionStack stack, NioTcpMessageProcessor processor) {
        super(stack, processor);
    }

    @Override
    protected void putSocket(String key, SocketChannel socket) {
        StreamSockets.configure(socket);
        super.putSocket(key, socket);
        opened.put(key, socket);
    }

    @Override
    protected SocketChannel getSocket(String key) {
        SocketChannel socket = super.getSocket(key);
        if (socket != null) {
            return socket;
        }
        SocketChannel remembered = opened.get(key);
        if (remembered != null && !remembered.isOpen()) {
            opened.remove(key, remembered);
            return null;
        }
        return remembered;
    }

    @Override
    protected void removeSocket(SocketChannel socket) {
        opened.values().removeIf(socket::equals);
        super.removeSocket(socket);
    }

    @Override
    public void closeAll() {
        opened.clear();
        super.closeAll();
    }
}
