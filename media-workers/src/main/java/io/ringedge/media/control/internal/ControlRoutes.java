package io.ringedge.media.control.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.ringedge.media.control.AnswerOutcome;
import io.ringedge.media.control.AnswerRequest;
import io.ringedge.media.control.ControlError;
import io.ringedge.media.control.CreateOutcome;
import io.ringedge.media.control.CreateSessionRequest;
import io.ringedge.media.control.MediaSessions;
import io.ringedge.media.control.OfferOutcome;
import io.ringedge.media.control.OfferRequest;
import io.ringedge.media.control.SessionIds;
import io.ringedge.media.control.WorkerHealth;
import io.ringedge.media.sdp.Leg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The control API's routes (see {@link io.ringedge.media.control}). Bad input always gets a 4xx
 * with a JSON reason; only a fault of the worker itself is a 500.
 */
public final class ControlRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(ControlRoutes.class);
    private static final Status UNPROCESSABLE = Status.create(422, "Unprocessable Content");
    private static final int MAX_CALL_ID = 256;
    /** Names a Redis channel: kept to the characters of a node id. */
    private static final Pattern EDGE_NODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MediaSessions sessions;
    private final String workerId;
    private final ObjectMapper json = ControlJson.mapper();

    private ControlRoutes(MediaSessions sessions, String workerId) {
        this.sessions = sessions;
        this.workerId = workerId;
    }

    public static void register(HttpRouting.Builder routing, MediaSessions sessions, String workerId) {
        ControlRoutes routes = new ControlRoutes(sessions, workerId);
        routing.put("/v1/sessions/{id}", routes::create)
                .post("/v1/sessions/{id}/answer", routes::answer)
                .post("/v1/sessions/{id}/offer", routes::offer)
                .post("/v1/sessions/{id}/offer/answer", routes::answerOffer)
                .delete("/v1/sessions/{id}/offer", routes::abandonOffer)
                .get("/v1/sessions/{id}", routes::stats)
                .delete("/v1/sessions/{id}", routes::delete)
                .get("/v1/health", routes::health)
                .error(BadRequest.class, (req, res, e) -> routes.send(res, Status.BAD_REQUEST_400,
                        ControlError.of("bad-request", e.getMessage())))
                .error(RuntimeException.class, (req, res, e) -> {
                    LOG.error("control request {} {} failed", req.prologue().method(), req.path().path(), e);
                    routes.send(res, Status.INTERNAL_SERVER_ERROR_500, ControlError.of("internal", e.toString()));
                });
    }

    private void create(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (!SessionIds.isWellFormed(id)) {
            throw new BadRequest("session id: must be 22..64 of [A-Za-z0-9_-] (at least 128 random bits)");
        }
        CreateSessionRequest body = body(req, CreateSessionRequest.class);
        if (body.callId() == null || body.callId().isBlank() || body.callId().length() > MAX_CALL_ID) {
            throw new BadRequest("callId: required, 1.." + MAX_CALL_ID + " characters");
        }
        if (body.pbxOffer() == null) {
            throw new BadRequest("pbxOffer: required");
        }
        if (body.edgeNode() != null && !EDGE_NODE.matcher(body.edgeNode()).matches()) {
            throw new BadRequest("edgeNode: must be 1..64 of [A-Za-z0-9._-]");
        }
        switch (sessions.create(id, body.callId(), body.pbxOffer(), body.edgeNode())) {
            case CreateOutcome.Created(var created) -> send(res, Status.CREATED_201, created);
            case CreateOutcome.BadSdp(String reason) -> send(res, Status.BAD_REQUEST_400, ControlError.of("bad-sdp", reason));
            case CreateOutcome.NotAcceptable(Leg leg, int sipStatus, String reason) ->
                    send(res, UNPROCESSABLE, new ControlError("not-acceptable", reason, sipStatus, leg.name()));
            case CreateOutcome.NoCapacity(String reason) ->
                    send(res, Status.SERVICE_UNAVAILABLE_503, ControlError.of("no-capacity", reason));
            case CreateOutcome.Exists(String sessionId) -> send(res, Status.CONFLICT_409,
                    ControlError.of("session-exists", "session " + abbreviate(sessionId) + " exists already"));
            case CreateOutcome.Deleted(String sessionId) -> send(res, Status.GONE_410,
                    ControlError.of("session-deleted", "session " + abbreviate(sessionId) + " was deleted before it was created"));
        }
    }

    private void answer(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        AnswerRequest body = body(req, AnswerRequest.class);
        if (body.deviceAnswer() == null) {
            throw new BadRequest("deviceAnswer: required");
        }
        switch (sessions.answer(id, body.deviceAnswer())) {
            case AnswerOutcome.Answered(var answered) -> send(res, Status.OK_200, answered);
            case AnswerOutcome.BadSdp(String reason) -> send(res, Status.BAD_REQUEST_400, ControlError.of("bad-sdp", reason));
            case AnswerOutcome.NotAcceptable(Leg leg, int sipStatus, String reason) ->
                    send(res, UNPROCESSABLE, new ControlError("not-acceptable", reason, sipStatus, leg.name()));
            case AnswerOutcome.UnknownSession(String sessionId) -> unknown(res, sessionId);
            case AnswerOutcome.AlreadyAnswered(String sessionId) -> send(res, Status.CONFLICT_409,
                    ControlError.of("already-answered", "session " + sessionId + " already has an answer"));
        }
    }

    private void offer(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        OfferRequest body = body(req, OfferRequest.class);
        send(res, id, sessions.offer(id, leg(body), sdp(body)));
    }

    private void answerOffer(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        OfferRequest body = body(req, OfferRequest.class);
        send(res, id, sessions.answerOffer(id, leg(body), sdp(body)));
    }

    private void abandonOffer(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (sessions.abandonOffer(id)) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            unknown(res, id);
        }
    }

    private void send(ServerResponse res, String id, OfferOutcome outcome) {
        switch (outcome) {
            case OfferOutcome.Offered(var offered) -> send(res, Status.OK_200, offered);
            case OfferOutcome.BadSdp(String reason) -> send(res, Status.BAD_REQUEST_400, ControlError.of("bad-sdp", reason));
            case OfferOutcome.NotAcceptable(Leg leg, int sipStatus, String reason) ->
                    send(res, UNPROCESSABLE, new ControlError("not-acceptable", reason, sipStatus, leg.name()));
            case OfferOutcome.UnknownSession(String sessionId) -> unknown(res, id);
            case OfferOutcome.Conflict(String error, String reason) ->
                    send(res, Status.CONFLICT_409, ControlError.of(error, reason));
        }
    }

    private static Leg leg(OfferRequest body) {
        return switch (body.leg() == null ? "" : body.leg()) {
            case "pbx" -> Leg.PBX;
            case "device" -> Leg.DEVICE;
            default -> throw new BadRequest("leg: must be \"pbx\" or \"device\"");
        };
    }

    private static String sdp(OfferRequest body) {
        if (body.sdp() == null) {
            throw new BadRequest("sdp: required");
        }
        return body.sdp();
    }

    private void stats(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        sessions.stats(id).ifPresentOrElse(s -> send(res, Status.OK_200, s), () -> unknown(res, id));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        sessions.delete(id).ifPresentOrElse(last -> send(res, Status.OK_200, last), () -> unknown(res, id));
    }

    private void health(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, new WorkerHealth(workerId, sessions.count(), sessions.capacity()));
    }

    private void unknown(ServerResponse res, String id) {
        send(res, Status.NOT_FOUND_404, ControlError.of("unknown-session", "no session " + abbreviate(id)));
    }

    private <T> T body(ServerRequest req, Class<T> type) {
        if (!req.content().hasEntity()) {
            throw new BadRequest("body: a JSON object is required");
        }
        byte[] bytes = req.content().as(byte[].class);
        try {
            T value = json.readValue(bytes, type);
            if (value == null) {
                throw new BadRequest("body: a JSON object is required");
            }
            return value;
        } catch (JacksonException e) {
            throw new BadRequest("body: not valid JSON for " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
        res.status(status).header(HeaderValues.CONTENT_TYPE_JSON).send(bytes);
    }

    private static String abbreviate(String id) {
        return id.length() <= 64 ? id : id.substring(0, 64) + "...";
    }

    /** A request the worker cannot read; answered 400 by the error handler. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
