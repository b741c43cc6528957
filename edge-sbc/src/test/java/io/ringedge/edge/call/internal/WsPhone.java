package io.ringedge.edge.call.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A phone or browser speaking SIP over WebSocket (RFC 7118) with the JDK client: one SIP message
 * per text frame, a {@code .invalid} Contact host, and SIP text written by hand, so the edge is
 * checked against what it really puts on the wire.
 */
final class WsPhone implements AutoCloseable {

    /** One SIP message, parsed just enough for a test UA. */
    record SipText(String startLine, List<Map.Entry<String, String>> headers, String body) {

        private static final Map<String, String> COMPACT = Map.of("v", "via", "f", "from", "t", "to", "i", "call-id",
                "m", "contact", "l", "content-length", "c", "content-type");

        static SipText parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.add(Map.entry(COMPACT.getOrDefault(name, name), lines[i].substring(colon + 1).trim()));
            }
            return new SipText(lines[0], headers, body);
        }

        boolean isRequest() {
            return !startLine.startsWith("SIP/2.0");
        }

        String method() {
            return isRequest() ? startLine.substring(0, startLine.indexOf(' '))
                    : header("cseq").substring(header("cseq").indexOf(' ') + 1);
        }

        int status() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }

        String header(String name) {
            return all(name).stream().findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + this));
        }

        List<String> all(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            return headers.stream().filter(h -> h.getKey().equals(key)).map(Map.Entry::getValue).toList();
        }

        /** The URI inside a name-addr header value such as {@code "A" <sip:x@h>;tag=1}. */
        static String uriOf(String nameAddr) {
            int lt = nameAddr.indexOf('<');
            return lt < 0 ? nameAddr.split(";")[0] : nameAddr.substring(lt + 1, nameAddr.indexOf('>'));
        }

        @Override
        public String toString() {
            return startLine + " " + headers;
        }
    }

    final String user;
    final String contact;
    private final WebSocket socket;
    private final BlockingQueue<SipText> received = new LinkedBlockingQueue<>();
    /** The ACKs this phone sent, by Call-ID and CSeq number, to repeat for a retransmitted 2xx. */
    private final Map<String, String> acks = new ConcurrentHashMap<>();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String host = UUID.randomUUID().toString().substring(0, 8) + ".invalid";
    private int cseq = 1;

    WsPhone(int wsPort, String user) throws Exception {
        this.user = user;
        this.contact = "sip:" + user + "@" + host + ";transport=ws";
        socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + wsPort), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            deliver(SipText.parse(partial.toString()));
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    /** REGISTER, as a browser does once its WebSocket is open; returns the status. */
    int register() throws Exception {
        return register(Optional.empty());
    }

    /** REGISTER with an RFC 8898 bearer token, as the edge's registrar demands. */
    int register(Optional<String> bearerToken) throws Exception {
        send("REGISTER sip:ringedge.invalid SIP/2.0\r\n"
                + via()
                + bearerToken.map(t -> "Authorization: Bearer " + t + "\r\n").orElse("")
                + "From: <sip:" + user + "@ringedge.invalid>;tag=" + tag + "\r\n"
                + "To: <sip:" + user + "@ringedge.invalid>\r\n"
                + "Call-ID: reg-" + tag + "\r\n"
                + "CSeq: " + cseq++ + " REGISTER\r\n"
                + "Contact: <" + contact + ">;expires=600\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n", "");
        return next("REGISTER").status();
    }

    /** The next message, whatever it is, or fails after a few seconds (generous: the machine is shared). */
    SipText nextAny() throws InterruptedException {
        SipText message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError(user + ": nothing arrived");
        }
        return message;
    }

    /** The next message if one arrives within {@code wait}. */
    Optional<SipText> pollAny(java.time.Duration wait) throws InterruptedException {
        return Optional.ofNullable(received.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next message; it must be a request of {@code method} or a response to one. */
    SipText next(String method) throws InterruptedException {
        SipText message = nextAny();
        if (!message.method().equals(method)) {
            throw new AssertionError(user + ": expected " + method + ", got " + message);
        }
        return message;
    }

    /** Answers {@code request}; dialog-creating responses get this phone's To tag and Contact. */
    void respond(SipText request, int status, String reason, Optional<String> sdp) throws Exception {
        StringBuilder out = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String via : request.all("via")) {
            out.append("Via: ").append(via).append("\r\n");
        }
        out.append("From: ").append(request.header("from")).append("\r\n");
        String to = request.header("to");
        out.append("To: ").append(to.contains(";tag=") || status == 100 ? to : to + ";tag=" + tag).append("\r\n");
        out.append("Call-ID: ").append(request.header("call-id")).append("\r\n");
        out.append("CSeq: ").append(request.header("cseq")).append("\r\n");
        if (request.method().equals("INVITE") && status > 100 && status < 300) {
            out.append("Contact: <").append(contact).append(">\r\n");
        }
        send(out.toString(), sdp.orElse(""));
    }

    /** BYE in the dialog an INVITE created, to the edge's Contact (RFC 3261 §12.2.1.1). */
    void bye(SipText invite) throws Exception {
        String from = invite.header("to");
        send("BYE " + SipText.uriOf(invite.header("contact")) + " SIP/2.0\r\n"
                + via()
                + "From: " + (from.contains(";tag=") ? from : from + ";tag=" + tag) + "\r\n"
                + "To: " + invite.header("from") + "\r\n"
                + "Call-ID: " + invite.header("call-id") + "\r\n"
                + "CSeq: " + cseq++ + " BYE\r\n"
                + "Max-Forwards: 70\r\n", "");
    }

    /**
     * A request inside the dialog {@code invite} created (a re-INVITE, UPDATE, INFO ...), to the
     * edge's Contact; returns its CSeq number, which the ACK of a re-INVITE repeats.
     */
    int request(SipText invite, String method, String contentType, String body) throws Exception {
        int number = 100 + cseq++; // well apart from the edge's own CSeq numbers in the dialog, as a browser's are
        send(method + " " + SipText.uriOf(invite.header("contact")) + " SIP/2.0\r\n"
                + via()
                + inDialog(invite, number, method)
                + "Contact: <" + contact + ">\r\n"
                + (body.isEmpty() ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n", body);
        return number;
    }

    /** ACK for the 2xx to the re-INVITE with CSeq {@code number} in the dialog {@code invite} created. */
    void ack(SipText invite, int number) throws Exception {
        String ack = "ACK " + SipText.uriOf(invite.header("contact")) + " SIP/2.0\r\n"
                + via()
                + inDialog(invite, number, "ACK")
                + "Content-Length: 0\r\n\r\n";
        acks.put(invite.header("call-id") + " " + number, ack);
        send(ack, "");
    }

    /**
     * Queues a message for the test, except a 2xx to an INVITE this phone has ACKed already: like a
     * real UA's core (RFC 3261 §13.2.2.4) it ACKs that again. The edge retransmits such a 2xx when
     * the ACK overtook it: jain-sip starts the 2xx timer only after the response is written, and an
     * ACK read before then does not stop it.
     */
    private void deliver(SipText message) {
        String ack = message.isRequest() || message.status() / 100 != 2 || !message.method().equals("INVITE") ? null
                : acks.get(message.header("call-id") + " " + message.header("cseq").split(" ")[0]);
        if (ack == null) {
            received.add(message);
            return;
        }
        try {
            send(ack, "");
        } catch (Exception e) {
            received.add(message); // the test sees the 2xx it could not answer
        }
    }

    /** Answers {@code request} with a body of {@code contentType}. */
    void respond(SipText request, int status, String reason, String contentType, String body) throws Exception {
        StringBuilder out = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String via : request.all("via")) {
            out.append("Via: ").append(via).append("\r\n");
        }
        out.append("From: ").append(request.header("from")).append("\r\n")
                .append("To: ").append(request.header("to")).append("\r\n")
                .append("Call-ID: ").append(request.header("call-id")).append("\r\n")
                .append("CSeq: ").append(request.header("cseq")).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n");
        send(out.toString(), body);
    }

    private String inDialog(SipText invite, int number, String method) {
        String from = invite.header("to");
        return "From: " + (from.contains(";tag=") ? from : from + ";tag=" + tag) + "\r\n"
                + "To: " + invite.header("from") + "\r\n"
                + "Call-ID: " + invite.header("call-id") + "\r\n"
                + "CSeq: " + number + " " + method + "\r\n"
                + "Max-Forwards: 70\r\n";
    }

    private String via() {
        return "Via: SIP/2.0/WSS " + host + ";branch=z9hG4bK" + UUID.randomUUID().toString().substring(0, 12)
                + "\r\n";
    }

    private synchronized void send(String head, String body) throws Exception {
        String message = head + (head.contains("Content-Length") ? "" : (body.isEmpty() ? ""
                : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n") + body;
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
