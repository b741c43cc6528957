package io.ringedge.testkit;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.ringedge.testkit.RecordedMessage.Direction;
import io.ringedge.testkit.internal.MessageLog;
import io.ringedge.testkit.sip.NameAddress;
import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipParseException;
import io.ringedge.testkit.sip.SipParser;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The other end for TestDevice tests: a minimal SIP-over-WebSocket server on Helidon's WebSocket
 * server (a WebSocket implementation independent of the JDK client the device uses). It answers
 * REGISTER and BYE with 200, records everything, and lets a test send any message to the device.
 */
final class WsSipPeer implements AutoCloseable {

    static final String SDP_OFFER = "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";

    private final MessageLog log = new MessageLog();
    private final WebServer server;
    private final boolean selectSubprotocol;
    private volatile WsSession session;
    /** each registered device's WebSocket, by Contact URI */
    private final java.util.Map<String, WsSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean secure;

    private WsSipPeer(boolean selectSubprotocol, SelfSignedCertificate tls) {
        this.selectSubprotocol = selectSubprotocol;
        this.secure = tls != null;
        var builder = WebServer.builder().host("127.0.0.1").port(0)
                .addRouting(WsRouting.builder().endpoint("/sip", new Listener()));
        if (tls != null) {
            builder.tls(t -> t.privateKey(tls.key()).privateKeyCertChain(java.util.List.of(tls.certificate())));
        }
        this.server = builder.build().start();
    }

    static WsSipPeer start() {
        return new WsSipPeer(true, null);
    }

    /** A WSS server presenting {@code certificate}. */
    static WsSipPeer startTls(SelfSignedCertificate certificate) {
        return new WsSipPeer(true, certificate);
    }

    /** A server that accepts the WebSocket but does not select subprotocol "sip". */
    static WsSipPeer withoutSubprotocol() {
        return new WsSipPeer(false, null);
    }

    URI uri() {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + server.port() + "/sip");
    }

    int port() {
        return server.port();
    }

    MessageLog log() {
        return log;
    }

    void send(SipMessage message) {
        sendRaw(message.encode());
    }

    void sendRaw(String text) {
        sendRaw(session, text);
    }

    /** Sends to the device that registered {@code contactUri}. */
    void sendTo(String contactUri, SipMessage message) {
        WsSession target = sessions.get(contactUri);
        if (target == null) {
            throw new AssertionError("no device registered " + contactUri);
        }
        sendRaw(target, message.encode());
    }

    private synchronized void sendRaw(WsSession target, String text) {
        SipMessage parsed;
        try {
            parsed = SipParser.parse(text);
        } catch (SipParseException e) {
            parsed = null;
        }
        log.add(new RecordedMessage(Instant.now(), Direction.SENT, text, parsed));
        target.send(text, true);
    }

    /** An INVITE as an edge would send it: Via with a host name (so the device adds received), Record-Route. */
    SipRequest invite(String deviceContact) {
        return new SipRequest("INVITE", deviceContact)
                .with("Via", "SIP/2.0/WS edge.test:" + port() + ";branch=z9hG4bK" + UUID.randomUUID())
                .with("Record-Route", "<sip:127.0.0.1:" + port() + ";transport=ws;lr>")
                .with("Record-Route", "<sip:10.9.9.9;lr;r2=on>")
                .with("Max-Forwards", "70")
                .with("From", "<sip:+15550001@edge.test>;tag=peer" + UUID.randomUUID().toString().substring(0, 8))
                .with("To", "<sip:alice@acme.test>")
                .with("Call-ID", UUID.randomUUID().toString())
                .with("CSeq", "7 INVITE")
                .with("Contact", "<sip:edge@127.0.0.1:" + port() + ";transport=ws>")
                .withBody("application/sdp", SDP_OFFER);
    }

    /** ACK for a 2xx (new branch, RFC 3261 section 13.2.2.4) or a non-2xx (INVITE's branch, section 17.1.1.3). */
    SipRequest ack(SipRequest invite, SipResponse finalResponse) {
        String via = finalResponse.isSuccess()
                ? "SIP/2.0/WS edge.test:" + port() + ";branch=z9hG4bK" + UUID.randomUUID()
                : invite.require("Via");
        return new SipRequest("ACK", invite.uri())
                .with("Via", via)
                .with("Max-Forwards", "70")
                .with("From", invite.require("From"))
                .with("To", finalResponse.require("To"))
                .with("Call-ID", invite.callId())
                .with("CSeq", invite.cseq().seq() + " ACK");
    }

    /** RFC 3261 section 9.1: CANCEL copies the INVITE's Request-URI, Via (branch), From, To, Call-ID, CSeq number. */
    SipRequest cancel(SipRequest invite) {
        return new SipRequest("CANCEL", invite.uri())
                .with("Via", invite.require("Via"))
                .with("Max-Forwards", "70")
                .with("From", invite.require("From"))
                .with("To", invite.require("To"))
                .with("Call-ID", invite.callId())
                .with("CSeq", invite.cseq().seq() + " CANCEL");
    }

    SipRequest bye(SipRequest invite, SipResponse ok, long cseq) {
        return new SipRequest("BYE", NameAddress.parse(ok.require("Contact")).uri())
                .with("Via", "SIP/2.0/WS edge.test:" + port() + ";branch=z9hG4bK" + UUID.randomUUID())
                .with("Max-Forwards", "70")
                .with("From", invite.require("From"))
                .with("To", ok.require("To"))
                .with("Call-ID", invite.callId())
                .with("CSeq", cseq + " BYE");
    }

    SipRequest awaitRequest(String method, Duration timeout) {
        return (SipRequest) log.awaitNth(m -> m.direction() == Direction.RECEIVED && m.isRequest(method), 1,
                timeout, "peer: a " + method).message();
    }

    /** The {@code nth} received response with this status whose CSeq method is {@code method}. */
    SipResponse awaitResponse(int status, String method, int nth, Duration timeout) {
        return (SipResponse) log.awaitNth(m -> m.direction() == Direction.RECEIVED && m.isResponse(status)
                        && m.message().cseq().method().equals(method), nth, timeout,
                "peer: a " + status + " to " + method).message();
    }

    SipResponse awaitResponse(int status, String method, Duration timeout) {
        return awaitResponse(status, method, 1, timeout);
    }

    RecordedMessage awaitRaw(String text, Duration timeout) {
        return log.awaitNth(m -> m.direction() == Direction.RECEIVED && m.text().equals(text), 1, timeout,
                "peer: raw frame '" + text + "'");
    }

    void closeSession() {
        session.close(1000, "peer closing");
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Listener implements WsListener {

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            if (!selectSubprotocol) {
                return Optional.empty();
            }
            WritableHeaders<?> selected = WritableHeaders.create();
            selected.set(HeaderNames.create("Sec-WebSocket-Protocol"), "sip");
            return Optional.of(selected);
        }

        @Override
        public void onOpen(WsSession wsSession) {
            session = wsSession;
        }

        @Override
        public void onMessage(WsSession wsSession, String text, boolean last) {
            SipMessage message;
            try {
                message = SipParser.parse(text);
            } catch (SipParseException e) {
                log.add(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, null));
                return;
            }
            log.add(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, message));
            if (message instanceof SipRequest request && (request.isMethod("REGISTER") || request.isMethod("BYE"))) {
                SipResponse ok = SipResponse.to(request, 200, "peer");
                if (request.isMethod("REGISTER")) {
                    // RFC 7118 section 5.2: the .invalid Via host cannot be reached, received says where from
                    var vias = new java.util.ArrayList<>(request.values("Via"));
                    vias.set(0, request.topVia().withParam("received", "127.0.0.1").toString());
                    sessions.put(NameAddress.parse(request.require("Contact")).uri(), wsSession);
                    ok = new SipResponse(200, "OK", ok.headers().replacing("Via", vias), "")
                            .with("Contact", request.require("Contact") + ";expires=" + request.require("Expires"));
                }
                sendRaw(wsSession, ok.encode());
            }
        }

        @Override
        public void onMessage(WsSession wsSession, BufferData buffer, boolean last) {
            onMessage(wsSession, buffer.readString(buffer.available()), last);
        }
    }
}
