package io.ringedge.media.control;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's transport against a worker played byte by byte on a plain server socket, so what
 * the client does with its connections is seen directly: kept alive across requests, and closed
 * when the caller stopped waiting for a worker that answers too slowly.
 */
class MediaControlClientTest {

    private static final String HEALTH = "{\"workerId\":\"w-1\",\"sessions\":0,\"capacity\":10}";

    private final ThreadCheck threads = new ThreadCheck();
    private final AtomicInteger accepted = new AtomicInteger();
    private ServerSocket server;
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        threads.snapshot();
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (acceptor != null) {
            acceptor.join(5_000);
        }
        threads.assertNoneLeaked();
    }

    @Test
    void requestsOneAfterAnotherShareOneKeptAliveConnection() throws Exception {
        serve(this::answerHealthUntilClosed);
        try (MediaControlClient client = new MediaControlClient(Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            for (int i = 0; i < 20; i++) {
                ControlResult<WorkerHealth> result = client.health(url()).get(5, TimeUnit.SECONDS);
                assertEquals(new ControlResult.Ok<>(new WorkerHealth("w-1", 0, 10)), result);
            }
        }
        assertEquals(1, accepted.get(), "connections opened for 20 requests");
    }

    @Test
    void aCallerThatStoppedWaitingClosesTheConnectionOfASlowAnswer() throws Exception {
        CompletableFuture<Long> closedAfter = new CompletableFuture<>();
        // headers at once, then the body a byte every 200 ms: every read is within the read timeout,
        // the whole answer would take 20 s
        serve(socket -> {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 100; i++) {
                    Thread.sleep(200);
                    out.write(' ');
                    out.flush();
                }
            } catch (IOException e) {
                closedAfter.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        });
        try (MediaControlClient client = new MediaControlClient(Duration.ofSeconds(1), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ControlResult<WorkerHealth> result = client.health(url()).get(5, TimeUnit.SECONDS);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String reason = assertInstanceOf(ControlResult.Unreachable.class, result).reason();
            assertTrue(reason.contains("no complete answer within 800 ms"), reason);
            assertTrue(waited < 2_000, "the caller waited " + waited + " ms");
            // the worker sees the connection go within a write or two of the caller's timeout
            long closed = closedAfter.get(5, TimeUnit.SECONDS);
            assertTrue(closed < 2_500, "the connection closed " + closed + " ms into the answer");
        }
    }

    @FunctionalInterface
    private interface Peer {
        void talk(Socket socket) throws IOException, InterruptedException;
    }

    /** Accepts connections until the server closes, each talked to on a virtual thread of its own. */
    private void serve(Peer peer) {
        acceptor = Thread.ofVirtual().name("raw-worker-acceptor").start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().name("raw-worker-connection").start(() -> {
                        try (socket) {
                            peer.talk(socket);
                        } catch (IOException | InterruptedException e) {
                            // the client went away: what the tests look at is counted elsewhere
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private void answerHealthUntilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] body = HEALTH.getBytes(StandardCharsets.UTF_8);
        while (readRequestHead(in)) {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
    }

    /** Reads a bodiless request's head; false at the end of the stream. */
    private static boolean readRequestHead(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(new BoundedInput(in), StandardCharsets.US_ASCII), 1);
        String line = lines.readLine();
        if (line == null) {
            return false;
        }
        while (line != null && !line.isEmpty()) {
            line = lines.readLine();
        }
        return line != null;
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Reads a byte at a time, so the reader above never takes bytes of the next request. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;

        BoundedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = in.read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
