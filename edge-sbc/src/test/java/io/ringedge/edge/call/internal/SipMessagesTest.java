package io.ringedge.edge.call.internal;

import gov.nist.javax.sip.SipStackImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contact and Via use the listener's advertised sent-by (the edge's public address), parsed from a real listening point. */
class SipMessagesTest {

    private SipStackImpl stack;
    private ListeningPoint listener;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "sent-by-test");
        stack = new SipStackImpl(p);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        listener = stack.createListeningPoint("127.0.0.1", port, "TCP");
        stack.createSipProvider(listener);
        stack.start();
    }

    @AfterEach
    void stop() {
        stack.stop();
    }

    @ParameterizedTest
    @CsvSource({
            "'',                   127.0.0.1,      0",
            "203.0.113.7:5080,     203.0.113.7,    5080",
            "edge.example.com,     edge.example.com, 0"})
    void hostAndPortFromSentBy(String sentBy, String host, int expectedPort) throws Exception {
        if (!sentBy.isEmpty()) {
            listener.setSentBy(sentBy);
        }
        assertEquals(host, SipMessages.host(listener));
        assertEquals(expectedPort == 0 ? port : expectedPort, SipMessages.port(listener));
    }

    @Test
    void ipv6ListenerKeepsItsBrackets() throws Exception {
        ListeningPoint v6 = stack.createListeningPoint("::1", port, "TCP");
        SipProvider provider = stack.createSipProvider(v6);
        try {
            String host = SipMessages.host(v6);
            assertEquals(port, SipMessages.port(v6), "sent-by was " + v6.getSentBy());
            assertEquals(true, host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]"), host);
        } finally {
            stack.deleteSipProvider(provider);
        }
    }
}
