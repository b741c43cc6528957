package io.ringedge.testkit;

import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;
import io.ringedge.testkit.sipp.SippScenarios;
import io.ringedge.testkit.sipp.SippTransport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PbxSocketTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void readsFramedMessagesFromAStreamUntilThePeerCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(("SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\nSIP/2.0 180 Ringing\r\n"
                            + "Content-Length: 4\r\n\r\nab").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                    out.write("cd".getBytes(StandardCharsets.UTF_8));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (PbxSocket pbx = PbxSocket.tcp("127.0.0.1", server.getLocalPort(), WAIT)) {
                assertTrue(pbx.receive(WAIT).orElseThrow().isResponse(100));
                SipResponse ringing = (SipResponse) pbx.receive(WAIT).orElseThrow().message();
                assertEquals("abcd", ringing.body());
                assertTrue(pbx.receive(WAIT).isEmpty());
                assertTrue(pbx.closedByPeer());
            }
            peer.join();
        }
    }

    /** A hand-written INVITE over each transport to a SIPp UAS, ACKed by hand: the byte-level PBX works. */
    @ParameterizedTest
    @EnumSource(SippTransport.class)
    void placesAHandWrittenCallAgainstSipp(SippTransport transport) throws IOException {
        assumeTrue(Sipp.isInstalled(), "sipp not on PATH (apt-get install sip-tester)");
        try (SippProcess uas = Sipp.start(SippRun.uas(SippScenarios.resolve("uas-reject-486.xml"), 0)
                .withTransport(transport))) {
            uas.awaitListening(WAIT);
            try (PbxSocket pbx = transport == SippTransport.UDP ? PbxSocket.udp("127.0.0.1", uas.localPort())
                    : PbxSocket.tcp("127.0.0.1", uas.localPort(), WAIT)) {
                String via = "SIP/2.0/" + pbx.transport() + " 127.0.0.1:" + pbx.localPort() + ";branch=z9hG4bK"
                        + UUID.randomUUID();
                String callId = UUID.randomUUID().toString();
                String target = "sip:+15551230001@127.0.0.1:" + uas.localPort();
                pbx.send("INVITE " + target + " SIP/2.0\r\nVia: " + via + "\r\n"
                        + "From: <sip:+15550100@127.0.0.1>;tag=pbx1\r\nTo: <" + target + ">\r\n"
                        + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                        + "Contact: <sip:+15550100@127.0.0.1:" + pbx.localPort() + ">\r\nContent-Length: 0\r\n\r\n");
                SipResponse busy = pbx.awaitResponse(486, WAIT);
                assertEquals(callId, busy.callId());
                pbx.send("ACK " + target + " SIP/2.0\r\nVia: " + via + "\r\n"
                        + "From: <sip:+15550100@127.0.0.1>;tag=pbx1\r\nTo: " + busy.require("To") + "\r\n"
                        + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
                SippResult result = uas.stop();
                assertTrue(result.succeeded(), result.describe());
                assertEquals(1, result.successfulCalls(), result.describe());
            }
        }
    }
}
