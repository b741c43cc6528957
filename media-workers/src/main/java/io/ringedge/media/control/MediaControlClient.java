package io.ringedge.media.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.media.control.internal.ControlJson;
import io.ringedge.media.control.internal.InFlightGate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The edge's client for workers' control APIs (JDK HttpClient). Every call names the worker's
 * base URL (from the registry), returns a future that always completes normally with a
 * {@link ControlResult}, and is bounded by the request timeout (plus half a second for the body).
 * At most {@value #MAX_IN_FLIGHT_PER_WORKER} requests are in flight to one worker, so at most that
 * many connections are open to it; the rest wait their turn within their timeout, deletions ahead
 * of the others ({@link InFlightGate}).
 * One client serves all workers; {@link #close()} stops its threads.
 */
public final class MediaControlClient implements AutoCloseable {

    /** Enough for hundreds of call set-ups a second at a few milliseconds each. */
    public static final int MAX_IN_FLIGHT_PER_WORKER = 32;

    private final ExecutorService executor;
    private final ConcurrentMap<String, InFlightGate> gates = new ConcurrentHashMap<>();
    private final HttpClient http;
    /** Past the request timeout, time for the body to arrive and be read. */
    private static final Duration BODY_ALLOWANCE = Duration.ofMillis(500);

    private final Duration requestTimeout;
    private final Duration overallTimeout;
    private final ObjectMapper json = ControlJson.mapper();

    public MediaControlClient(Duration connectTimeout, Duration requestTimeout) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("media-control-client-", 0).factory());
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = requestTimeout;
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
        return send(put(worker, "/v1/sessions/" + segment(sessionId), new CreateSessionRequest(callId, pbxOffer,
                edgeNode)), SessionCreated.class);
    }

    public CompletableFuture<ControlResult<SessionAnswered>> answer(URI worker, String sessionId, String deviceAnswer) {
        return send(post(worker, "/v1/sessions/" + segment(sessionId) + "/answer", new AnswerRequest(deviceAnswer)),
                SessionAnswered.class);
    }

    /** A leg's mid-call offer ({@code leg} is {@code "pbx"} or {@code "device"}); see {@link SessionOffered}. */
    public CompletableFuture<ControlResult<SessionOffered>> offer(URI worker, String sessionId, String leg, String sdp) {
        return send(post(worker, "/v1/sessions/" + segment(sessionId) + "/offer", new OfferRequest(leg, sdp)),
                SessionOffered.class);
    }

    /** The other leg's answer to the worker's mid-call offer: the answer for the leg that offered. */
    public CompletableFuture<ControlResult<SessionOffered>> answerOffer(URI worker, String sessionId, String leg,
                                                                        String sdp) {
        return send(post(worker, "/v1/sessions/" + segment(sessionId) + "/offer/answer", new OfferRequest(leg, sdp)),
                SessionOffered.class);
    }

    /**
     * The other leg refused the worker's mid-call offer: the session keeps its media as it was. The
     * answer (204) has no body.
     */
    public CompletableFuture<ControlResult<Void>> abandonOffer(URI worker, String sessionId) {
        return send(request(worker, "/v1/sessions/" + segment(sessionId) + "/offer").DELETE().build(), Void.class);
    }

    public CompletableFuture<ControlResult<SessionStats>> stats(URI worker, String sessionId) {
        return send(request(worker, "/v1/sessions/" + segment(sessionId)).GET().build(), SessionStats.class);
    }

    /** Ends the session; the answer carries its final figures. */
    public CompletableFuture<ControlResult<SessionStats>> delete(URI worker, String sessionId) {
        return send(request(worker, "/v1/sessions/" + segment(sessionId)).DELETE().build(), SessionStats.class);
    }

    public CompletableFuture<ControlResult<WorkerHealth>> health(URI worker) {
        return send(request(worker, "/v1/health").GET().build(), WorkerHealth.class);
    }

    /** Stops the client's threads, waiting briefly for calls in flight. */
    @Override
    public void close() {
        http.close();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest post(URI worker, String path, Object body) {
        return request(worker, path).header("Content-Type", "application/json").POST(json(body)).build();
    }

    private HttpRequest put(URI worker, String path, Object body) {
        return request(worker, path).header("Content-Type", "application/json").PUT(json(body)).build();
    }

    private HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    private HttpRequest.Builder request(URI worker, String path) {
        String base = worker.toString().endsWith("/") ? worker.toString().substring(0, worker.toString().length() - 1)
                : worker.toString();
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout).header("Accept", "application/json");
    }

    private <T> CompletableFuture<ControlResult<T>> send(HttpRequest request, Class<T> type) {
        try {
            // The request timeout covers the exchange up to the response headers only; the bound
            // here covers the body and every stage after it too, so a caller never waits longer.
            CompletableFuture<HttpResponse<byte[]>> exchange = new CompletableFuture<>();
            CompletableFuture<ControlResult<T>> result = exchange
                    .<ControlResult<T>>handle((response, failure) -> failure != null
                            ? new ControlResult.Unreachable<>(request.method() + " " + request.uri() + ": " + failure)
                            : read(request, response, type))
                    .completeOnTimeout(new ControlResult.Unreachable<>(request.method() + " " + request.uri()
                                    + ": no complete answer within " + overallTimeout.toMillis() + " ms"),
                            overallTimeout.toMillis(), TimeUnit.MILLISECONDS);
            // a caller that gave up frees its place in the queue: the exchange is not started
            result.whenComplete((r, f) -> exchange.cancel(false));
            gates.computeIfAbsent(request.uri().getAuthority(), w -> new InFlightGate(MAX_IN_FLIGHT_PER_WORKER))
                    .submit(exchange, () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()),
                            "DELETE".equals(request.method()));
            return result;
        } catch (RuntimeException e) {
            // e.g. a worker URL the client cannot use; still an answer, not a throw
            return CompletableFuture.completedFuture(new ControlResult.Unreachable<>(request.uri() + ": " + e));
        }
    }

    private <T> ControlResult<T> read(HttpRequest request, HttpResponse<byte[]> response, Class<T> type) {
        int status = response.statusCode();
        try {
            if (status >= 200 && status < 300) {
                return new ControlResult.Ok<>(type == Void.class ? null : json.readValue(response.body(), type));
            }
            ControlError error = response.body().length == 0
                    ? ControlError.of("http-" + status, "no body")
                    : json.readValue(response.body(), ControlError.class);
            return new ControlResult.Refused<>(status, error);
        } catch (java.io.IOException e) {
            return new ControlResult.Unreachable<>(request.method() + " " + request.uri() + ": unreadable "
                    + status + " reply: " + e.getMessage());
        }
    }

    private static String segment(String sessionId) {
        return URLEncoder.encode(sessionId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
