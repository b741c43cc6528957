package io.ringedge.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One SIP-over-WebSocket connection (RFC 7118) on the JDK's own WebSocket client, so the test
 * device shares no code with the edge. Each complete text (or binary) message is one SIP message
 * (RFC 7118 section 5.1) and goes to {@code onMessage}.
 */
public final class WsSipConnection implements WebSocket.Listener {

    /** RFC 7118 section 4.1: the WebSocket subprotocol for SIP. */
    public static final String SUBPROTOCOL = "sip";

    /** RFC 6455 section 7.4.1: the connection went away without a Close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private static final Logger LOG = LoggerFactory.getLogger(WsSipConnection.class);

    private final Consumer<String> onMessage;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private final Duration timeout;
    private volatile WebSocket socket;

    private WsSipConnection(Duration timeout, Consumer<String> onMessage) {
        this.timeout = timeout;
        this.onMessage = onMessage;
    }

    /**
     * Connects through {@code client}, asking for subprotocol "sip"; fails if the server does not
     * select it, since RFC 7118 section 4.1 forbids SIP traffic on a connection that did not
     * negotiate it. The client stays the caller's to stop.
     */
    public static WsSipConnection open(HttpClient client, URI server, Duration timeout, Consumer<String> onMessage)
            throws IOException {
        WsSipConnection connection = new WsSipConnection(timeout, onMessage);
        try {
            WebSocket ws = client.newWebSocketBuilder().subprotocols(SUBPROTOCOL).connectTimeout(timeout)
                    .buildAsync(server, connection).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!SUBPROTOCOL.equals(ws.getSubprotocol())) {
                ws.abort();
                throw new IOException("server " + server + " did not select WebSocket subprotocol 'sip' (got '"
                        + ws.getSubprotocol() + "')");
            }
            connection.socket = ws;
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + server, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to " + server + ": " + e, e);
        }
    }

    /**
     * Sends one text frame and waits until it is written. The JDK allows one outstanding send per
     * WebSocket, hence the lock.
     */
    public void send(String text) throws IOException {
        synchronized (sendLock) {
            try {
                socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("send failed: " + e, e);
            }
        }
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes with the close status code once the connection is closed, by either side. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** Closing handshake (RFC 6455 section 7), then abort if the server does not answer in time. */
    public void close() {
        WebSocket ws = socket;
        if (ws != null && isOpen()) {
            try {
                synchronized (sendLock) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "test device closing")
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                }
                closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("closing handshake did not complete: {}", e.toString());
            }
            ws.abort();
        }
        closed.complete(WebSocket.NORMAL_CLOSURE);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // before buildAsync completes: a server may send (an INVITE) as soon as the upgrade is done
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        deliver(data, last);
        webSocket.request(1);
        return null;
    }

    /** RFC 7118 section 5.1 allows SIP in binary frames too (UTF-8). */
    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        deliver(StandardCharsets.UTF_8.decode(data), last);
        webSocket.request(1);
        return null;
    }

    private void deliver(CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            onMessage.accept(message);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        LOG.debug("WebSocket closed by server: {} {}", statusCode, reason);
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.debug("WebSocket error: {}", error.toString());
        closed.complete(ABNORMAL_CLOSURE);
    }
}
