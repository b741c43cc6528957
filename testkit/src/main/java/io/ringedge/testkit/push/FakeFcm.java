package io.ringedge.testkit.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A local server speaking the FCM HTTP v1 send API ({@code POST /v1/projects/{project}/messages:send}):
 * it records each request and answers with FCM's real response shapes: {@code {"name": ...}} on
 * success, the Google API error JSON with an {@code FcmError} detail on failure. Point the real
 * Firebase Admin SDK at {@link #endpoint()} ({@code push.fcm.endpoint}) with project {@value #PROJECT}.
 */
public final class FakeFcm implements AutoCloseable {

    public static final String PROJECT = "ringedge-test";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Received(String method, String path, String authorization, JsonNode body) {
        public JsonNode message() {
            return body.path("message");
        }

        public String token() {
            return message().path("token").asText();
        }
    }

    /** A scripted error answer. */
    public enum Error {
        UNREGISTERED(404, "NOT_FOUND", "Requested entity was not found."),
        INVALID_ARGUMENT(400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
        SENDER_ID_MISMATCH(403, "PERMISSION_DENIED", "SenderId mismatch"),
        INTERNAL(500, "INTERNAL", "Internal error encountered."),
        QUOTA_EXCEEDED(429, "RESOURCE_EXHAUSTED", "Quota exceeded for this device."),
        /** no answer at all: the request is held until the server closes */
        HANG(0, "", "");

        final int status;
        final String grpcStatus;
        final String message;

        Error(int status, String grpcStatus, String message) {
            this.status = status;
            this.grpcStatus = grpcStatus;
            this.message = message;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Error>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Consumer<Received> onAccepted = accepted -> { };

    private FakeFcm(HttpServer server) {
        this.server = server;
    }

    public static FakeFcm start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeFcm fake = new FakeFcm(server);
        server.createContext("/", fake::handle);
        server.setExecutor(fake.executor);
        server.start();
        return fake;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            received.add(request);
            if (!request.method().equals("POST") || !request.path().equals("/v1/projects/" + PROJECT + "/messages:send")) {
                respond(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"no such method\",\"status\":\"NOT_FOUND\"}}");
                return;
            }
            List<Error> errors = scripted.get(request.token());
            if (errors != null && !errors.isEmpty()) {
                Error error = errors.removeFirst();
                if (error == Error.HANG) {
                    closing.await();
                    return;
                }
                respond(exchange, error.status, "{\"error\":{\"code\":" + error.status + ",\"message\":\""
                        + error.message + "\",\"status\":\"" + error.grpcStatus + "\",\"details\":[{\"@type\":"
                        + "\"type.googleapis.com/google.firebase.fcm.v1.FcmError\",\"errorCode\":\"" + error.name()
                        + "\"}]}}");
                return;
            }
            respond(exchange, 200, "{\"name\":\"projects/" + PROJECT + "/messages/0:" + ids.incrementAndGet() + "\"}");
            onAccepted.accept(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The next requests for {@code token} get these errors, one each; later ones succeed. */
    public void failNext(String token, Error... errors) {
        scripted.put(token, new CopyOnWriteArrayList<>(List.of(errors)));
    }

    /**
     * Called with each message this server accepted, right after its 200 was written, as FCM hands
     * a message on to the device only once it has accepted it: a simulated phone reacts here. Runs
     * on the server's request thread.
     */
    public void onAccepted(Consumer<Received> listener) {
        this.onAccepted = Objects.requireNonNull(listener, "listener");
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String token) {
        return received.stream().filter(r -> r.token().equals(token)).toList();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }


    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
