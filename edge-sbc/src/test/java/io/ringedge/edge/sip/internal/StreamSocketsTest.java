package io.ringedge.edge.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every stream connection the edge accepts or opens sends without Nagle's delay (see {@link StreamSockets}). */
class StreamSocketsTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    private SipStackImpl stack;
    private ServerSocketChannel peer;

    @BeforeEach
    void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "stream-sockets-test");
        p.setProperty("gov.nist.javax.sip.NIO_BLOCKING_MODE", "NONBLOCKING");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", EdgeMessageProcessorFactory.class.getName());
        stack = new SipStackImpl(p);
        peer = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        open.add(peer);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        stack.stop();
    }

    private SocketChannel accepted() throws Exception {
        SocketChannel client = SocketChannel.open(peer.getLocalAddress());
        open.add(client);
        SocketChannel server = peer.accept();
        open.add(server);
        assertFalse(server.getOption(StandardSocketOptions.TCP_NODELAY), "the JDK's default: Nagle on");
        return server;
    }

    private void assertAcceptedWithoutNagle(String transport) throws Exception {
        NioTcpMessageProcessor processor = (NioTcpMessageProcessor) new EdgeMessageProcessorFactory()
                .createMessageProcessor(stack, InetAddress.getLoopbackAddress(), 0, transport);
        SocketChannel socket = accepted();

        processor.createMessageChannel(processor, socket);

        assertTrue(socket.getOption(StandardSocketOptions.TCP_NODELAY), transport);
    }

    @Test
    void aWebSocketConnectionIsAcceptedWithoutNagle() throws Exception {
        assertAcceptedWithoutNagle("WS");
    }

    @Test
    void aTcpConnectionIsAcceptedWithoutNagle() throws Exception {
        assertAcceptedWithoutNagle("TCP");
    }

    @Test
    void aConnectionTheEdgeOpensSendsWithoutNagle() throws Exception {
        NioTcpMessageProcessor processor = (NioTcpMessageProcessor) new EdgeMessageProcessorFactory()
                .createMessageProcessor(stack, InetAddress.getLoopbackAddress(), 0, "TCP");
        SocketChannel socket = accepted();

        new OutboundSockets(stack, processor).putSocket("127.0.0.1:5060", socket);

        assertTrue(socket.getOption(StandardSocketOptions.TCP_NODELAY));
    }
}
