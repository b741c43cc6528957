package io.ringedge.edge.sip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A device speaking SIP over WebSocket (RFC 7118) with the JDK client: subprotocol "sip", one SIP
 * message per text frame, Contact host {@code .invalid} as browsers send it.
 */
public final class WsDevice implements AutoCloseable {

    private final HttpClient http;
    public final WebSocket socket;
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    public final String contactHost = UUID.randomUUID().toString().substring(0, 8) + ".invalid";

    public WsDevice(int port) throws Exception {
        this(URI.create("ws://127.0.0.1:" + port), HttpClient.newHttpClient());
    }

    public WsDevice(URI uri, HttpClient client) throws Exception {
        http = client;
        socket = http.newWebSocketBuilder().subprotocols("sip").connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(5, TimeUnit.SECONDS);
    }

    public void send(String message) throws Exception {
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    /** The next message received, or fails after a few seconds. */
    public String next() throws InterruptedException {
        String m = received.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("device received nothing");
        }
        return m;
    }

    /** A REGISTER as a browser UA sends it; {@code extraHeaders} lines end with CRLF. */
    public String register(String user, int expires, String extraHeaders) {
        String callId = UUID.randomUUID().toString();
        return "REGISTER sip:ringedge.invalid SIP/2.0\r\n"
                + "Via: SIP/2.0/WS " + contactHost + ";branch=z9hG4bK" + UUID.randomUUID().toString().substring(0, 12) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@ringedge.invalid>;tag=" + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: <sip:" + user + "@ringedge.invalid>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@" + contactHost + ";transport=ws>;expires=" + expires + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    /** The value of the first header {@code name} in a SIP message text, or null. */
    public static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    public static int status(String response) {
        if (!response.startsWith("SIP/2.0 ")) {
            throw new AssertionError("not a response: " + response);
        }
        return Integer.parseInt(response.substring(8, 11));
    }
}
