package io.ringedge.media.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.Method;
import io.ringedge.media.control.internal.ControlHttp;
import io.ringedge.media.control.internal.ControlJson;
import io.ringedge.media.control.internal.InFlightGate;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The edge's client for workers' control APIs (HTTP/1.1 over kept-alive connections,
 * {@link ControlHttp}). Every call names the worker's base URL (from the registry), returns a
 * future that always completes normally with a {@link ControlResult}, and is bounded by the request
 * timeout (plus half a second for the body): an exchange still running then is interrupted, which
 * closes its connection. At most {@value #MAX_IN_FLIGHT_PER_WORKER} requests are in flight to one
 * worker, so at most that many connections are open to it; the rest wait their turn within their
 * timeout, deletions ahead of the others ({@link InFlightGate}). Each exchange runs on a virtual
 * thread of its own. One client serves all workers; {@link #close()} stops its threads and closes
 * its connections.
 */
public final class MediaControlClient implements AutoCloseable {

    /** Enough for hundreds of call set-ups a second at a few milliseconds each. */
    public static final int MAX_IN_FLIGHT_PER_WORKER = 32;

    /** Past the request timeout, time for the body to arrive and be read. */
    private static final Duration BODY_ALLOWANCE = Duration.ofMillis(500);

    /** One request to one worker: what the gate queues and the exchange sends. */
    private record Request(Method method, URI uri, byte[] body) {
        String describe() {
            return method.text() + " " + uri;
        }
    }

    private final ExecutorService executor;
    private final ConcurrentMap<String, InFlightGate> gates = new ConcurrentHashMap<>();
    private final ControlHttp http;
    private final Duration overallTimeout;
    private final ObjectMapper json = ControlJson.mapper();

    public MediaControlClient(Duration connectTimeout, Duration requestTimeout) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("media-control-client-", 0).factory());
        this.http = new ControlHttp(connectTimeout, requestTimeout, MAX_IN_FLIGHT_PER_WORKER);
        this.overallTimeout = requestTimeout.plus(BODY_ALLOWANCE);
    }

    /** Creates a session under a fresh id ({@link SessionIds#newId()}); nobody hears of its failure. */
    public CompletableFuture<ControlResult<SessionCreated>> createSession(URI worker, String callId, String pbxOffer) {
        return createSession(worker, SessionIds.newId(), callId, pbxOffer, null);
    }

    /**
     * Creates session {@code sessionId}: a caller that stops waiting for the answer can still
     * {@link #delete} it, whether the worker created it already or is yet to read the request. The
     * worker reports the session's failure to {@code edgeNode} (null: to nobody).
     */
    public CompletableFuture<ControlResult<SessionCreated>> createSession(URI worker, String sessionId, String callId,
                                                                          String pbxOffer, String edgeNode) {
        return send(Method.PUT, worker, "/v1/sessions/" + segment(sessionId),
                new CreateSessionRequest(callId, pbxOffer, edgeNode), SessionCreated.class);
    }

    public CompletableFuture<ControlResult<SessionAnswered>> answer(URI worker, String sessionId, String deviceAnswer) {
        return send(Method.POST, worker, "/v1/sessions/" + segment(sessionId) + "/answer", new AnswerRequest(deviceAnswer),
                SessionAnswered.class);
    }

    /** A leg's mid-call offer ({@code leg} is {@code "pbx"} or {@code "device"}); see {@link SessionOffered}. */
    public CompletableFuture<ControlResult<SessionOffered>> offer(URI worker, String sessionId, String leg, String sdp) {
        return send(Method.POST, worker, "/v1/sessions/" + segment(sessionId) + "/offer", new OfferRequest(leg, sdp),
                SessionOffered.class);
    }

    /** The other leg's answer to the worker's mid-call offer: the answer for the leg that offered. */
    public CompletableFuture<ControlResult<SessionOffered>> answerOffer(URI worker, String sessionId, String leg,
                                                                        String sdp) {
        return send(Method.POST, worker, "/v1/sessions/" + segment(sessionId) + "/offer/answer", new OfferRequest(leg, sdp),
                SessionOffered.class);
    }

    /**
     * The other leg refused the worker's mid-call offer: the session keeps its media as it was. The
     * answer (204) has no body.
     */
    public CompletableFuture<ControlResult<Void>> abandonOffer(URI worker, String sessionId) {
        return send(Method.DELETE, worker, "/v1/sessions/" + segment(sessionId) + "/offer", null, Void.class);
    }

    public CompletableFuture<ControlResult<SessionStats>> stats(URI worker, String sessionId) {
        return send(Method.GET, worker, "/v1/sessions/" + segment(sessionId), null, SessionStats.class);
    }

    /** Ends the session; the answer carries its final figures. */
    public CompletableFuture<ControlResult<SessionStats>> delete(URI worker, String sessionId) {
        return send(Method.DELETE, worker, "/v1/sessions/" + segment(sessionId), null, SessionStats.class);
    }

    public CompletableFuture<ControlResult<WorkerHealth>> health(URI worker) {
        return send(Method.GET, worker, "/v1/health", null, WorkerHealth.class);
    }

    /** Stops the client's threads, waiting briefly for calls in flight, and closes its connections. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.close();
    }

    private <T> CompletableFuture<ControlResult<T>> send(Method method, URI worker, String path, Object body,
                                                          Class<T> type) {
        String base = worker.toString().endsWith("/") ? worker.toString().substring(0, worker.toString().length() - 1)
                : worker.toString();
        Request request;
        try {
            request = new Request(method, URI.create(base + path), body == null ? null : json.writeValueAsBytes(body));
        } catch (JacksonException | IllegalArgumentException e) {
            // e.g. a worker URL the client cannot use; still an answer, not a throw
            return CompletableFuture.completedFuture(new ControlResult.Unreachable<>(method.text() + " " + base + path
                    + ": " + e));
        }
        return send(request, type);
    }

    private <T> CompletableFuture<ControlResult<T>> send(Request request, Class<T> type) {
        try {
            CompletableFuture<ControlHttp.Reply> exchange = new CompletableFuture<>();
            CompletableFuture<ControlResult<T>> result = exchange
                    .<ControlResult<T>>handle((reply, failure) -> failure != null
                            ? new ControlResult.Unreachable<>(request.describe() + ": " + cause(failure))
                            : read(request, reply, type))
                    .completeOnTimeout(new ControlResult.Unreachable<>(request.describe()
                                    + ": no complete answer within " + overallTimeout.toMillis() + " ms"),
                            overallTimeout.toMillis(), TimeUnit.MILLISECONDS);
            AtomicReference<Running> running = new AtomicReference<>();
            // a caller that gave up frees its place in the queue (the exchange is not started) or,
            // once it runs, its slot and its connection: the interrupt closes the socket it waits on
            result.whenComplete((r, f) -> {
                exchange.cancel(false);
                Running started = running.get();
                if (started != null) {
                    started.stop();
                }
            });
            gates.computeIfAbsent(request.uri().getAuthority(), w -> new InFlightGate(MAX_IN_FLIGHT_PER_WORKER))
                    .submit(exchange, () -> start(request, running), request.method() == Method.DELETE);
            return result;
        } catch (RuntimeException e) {
            // e.g. the client is closed; still an answer, not a throw
            return CompletableFuture.completedFuture(new ControlResult.Unreachable<>(request.describe() + ": " + e));
        }
    }

    /** An exchange on its thread, and the future its slot in the gate waits for. */
    private record Running(Future<?> thread, CompletableFuture<ControlHttp.Reply> reply) {
        /**
         * Unless the exchange ended: its slot frees at once, even when its thread never got to run,
         * and the thread is interrupted. An exchange that ended keeps its thread uninterrupted: the
         * callers' stages run on it.
         */
        void stop() {
            if (reply.cancel(false)) {
                thread.cancel(true);
            }
        }
    }

    /** Runs the exchange on a virtual thread of its own; the future completes when it ends. */
    private CompletableFuture<ControlHttp.Reply> start(Request request, AtomicReference<Running> running) {
        CompletableFuture<ControlHttp.Reply> reply = new CompletableFuture<>();
        running.set(new Running(executor.submit(() -> {
            try {
                reply.complete(http.exchange(request.method(), request.uri(), request.body()));
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        }), reply));
        return reply;
    }

    private <T> ControlResult<T> read(Request request, ControlHttp.Reply reply, Class<T> type) {
        int status = reply.status();
        try {
            if (status >= 200 && status < 300) {
                return new ControlResult.Ok<>(type == Void.class ? null : json.readValue(reply.body(), type));
            }
            ControlError error = reply.body().length == 0
                    ? ControlError.of("http-" + status, "no body")
                    : json.readValue(reply.body(), ControlError.class);
            return new ControlResult.Refused<>(status, error);
        } catch (IOException e) {
            return new ControlResult.Unreachable<>(request.describe() + ": unreadable " + status + " reply: "
                    + e.getMessage());
        }
    }

    /** The I/O failure under Helidon's wrapping, e.g. {@code java.net.SocketTimeoutException: Read timed out}. */
    private static String cause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause == failure ? failure.toString() : failure + " (" + cause + ")";
    }

    private static String segment(String sessionId) {
        return URLEncoder.encode(sessionId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
