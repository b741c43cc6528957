package io.ringedge.media.control;

import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.sdp.DeviceOffer;
import io.ringedge.media.sdp.Leg;
import io.ringedge.media.sdp.MediaDescription;
import io.ringedge.media.sdp.Negotiated;
import io.ringedge.media.sdp.OfferAnswer;
import io.ringedge.media.sdp.PbxAnswer;
import io.ringedge.media.sdp.SdpParseResult;
import io.ringedge.media.sdp.SdpParser;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.runtime.observe.MediaMeters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The worker's sessions: create from a PBX offer, answer with the device's answer, renegotiate
 * mid-call from either leg, query, delete.
 * Thread-safe; requests for different sessions never wait for each other. At {@code capacity}
 * sessions, creation answers {@link CreateOutcome.NoCapacity} so the edge picks another worker.
 *
 * <p>Nothing is left behind by an edge that stopped waiting or went away: the edge names a session
 * before creating it and deletes it by that id when its creation timed out, and a deleted id is
 * remembered for {@link #TOMBSTONE_TTL} so a creation arriving after its deletion is refused
 * ({@link CreateOutcome.Deleted}). A session still unanswered {@code unansweredTimeout} after its
 * creation is deleted by {@link #expire()}.
 */
public final class MediaSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaSessions.class);
    /** Far longer than a creation can take to reach the worker (the edge's request timeout). */
    static final Duration TOMBSTONE_TTL = Duration.ofMinutes(2);
    /** Deleted ids remembered at most; past it, the unanswered-session expiry still cleans up. */
    static final int MAX_TOMBSTONES = 200_000;

    private final SessionFactory factory;
    private final int capacity;
    private final Duration unansweredTimeout;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** Deleted session ids and when each may be forgotten. */
    private final ConcurrentHashMap<String, Instant> tombstones = new ConcurrentHashMap<>();
    /** Reserved before the sockets are opened, so concurrent creations cannot overshoot capacity. */
    private final AtomicInteger reserved = new AtomicInteger();
    /** Also the monitor under which a session leaves the table, so a metrics scrape counts it once. */
    private final SessionTotals totals = new SessionTotals();

    /** @param unansweredTimeout how long a session may wait for its device's answer ({@code media.unanswered-session-timeout}) */
    public MediaSessions(SessionFactory factory, int capacity, Duration unansweredTimeout, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.factory = factory;
        this.capacity = capacity;
        this.unansweredTimeout = unansweredTimeout;
        this.clock = clock;
    }

    public CreateOutcome create(String sessionId, String callId, String pbxOffer) {
        return create(sessionId, callId, pbxOffer, null);
    }

    /**
     * Creates session {@code sessionId} ({@link SessionIds#isWellFormed well formed}, checked by the
     * caller); its failure is to be reported to {@code edgeNode} (null: nobody asked).
     */
    public CreateOutcome create(String sessionId, String callId, String pbxOffer, String edgeNode) {
        if (tombstones.containsKey(sessionId)) {
            return new CreateOutcome.Deleted(sessionId);
        }
        if (sessions.containsKey(sessionId)) {
            return new CreateOutcome.Exists(sessionId);
        }
        SdpParseResult parsed = SdpParser.parse(pbxOffer);
        if (parsed instanceof SdpParseResult.Invalid(String reason)) {
            totals.refused("bad-sdp");
            return new CreateOutcome.BadSdp("pbxOffer: " + reason);
        }
        SessionDescription offer = ((SdpParseResult.Parsed) parsed).description();
        if (reserved.incrementAndGet() > capacity) {
            reserved.decrementAndGet();
            totals.refused("no-capacity");
            return new CreateOutcome.NoCapacity("at capacity (" + capacity + " sessions)");
        }
        SessionOpening opening;
        try {
            opening = factory.open(sessionId);
        } catch (RuntimeException e) {
            reserved.decrementAndGet(); // broken infrastructure (e.g. socket errors): not a capacity leak too
            throw e;
        }
        SessionMedia media;
        switch (opening) {
            case SessionOpening.Opened(SessionMedia opened) -> media = opened;
            case SessionOpening.Exhausted(String reason) -> {
                reserved.decrementAndGet();
                totals.refused("no-capacity");
                return new CreateOutcome.NoCapacity(reason);
            }
        }
        long sdpSessionId = random.nextLong() & Long.MAX_VALUE;
        Negotiated<DeviceOffer> negotiated = OfferAnswer.deviceOffer(offer, media.deviceTransport(), sdpSessionId);
        if (negotiated instanceof Negotiated.Rejected<DeviceOffer>(var leg, int status, String reason)) {
            media.close();
            reserved.decrementAndGet();
            totals.refused("offer-not-acceptable");
            return new CreateOutcome.NotAcceptable(leg, status, reason);
        }
        DeviceOffer deviceOffer = ((Negotiated.Agreed<DeviceOffer>) negotiated).value();
        Session session = new Session(sessionId, callId, edgeNode, clock.instant(), sdpSessionId, media, deviceOffer);
        if (sessions.putIfAbsent(sessionId, session) != null) {
            media.close(); // the same id created twice at once: the first one stands
            reserved.decrementAndGet();
            return new CreateOutcome.Exists(sessionId);
        }
        totals.created();
        // a delete that came while the session was being built found nothing but left its tombstone
        if (tombstones.containsKey(sessionId)) {
            end(session);
            return new CreateOutcome.Deleted(sessionId);
        }
        LOG.debug("session {} for call {} created ({} active)", sessionId, callId, reserved.get());
        return new CreateOutcome.Created(new SessionCreated(sessionId, deviceOffer.sdp().encode()));
    }

    public AnswerOutcome answer(String sessionId, String deviceAnswer) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new AnswerOutcome.UnknownSession(sessionId);
        }
        SdpParseResult parsed = SdpParser.parse(deviceAnswer);
        if (parsed instanceof SdpParseResult.Invalid(String reason)) {
            totals.refused("bad-sdp");
            return new AnswerOutcome.BadSdp("deviceAnswer: " + reason);
        }
        SessionDescription answer = ((SdpParseResult.Parsed) parsed).description();
        synchronized (session) {
            if (session.ended) {
                return new AnswerOutcome.UnknownSession(sessionId);
            }
            if (session.answer != null) {
                return new AnswerOutcome.AlreadyAnswered(sessionId);
            }
            Negotiated<PbxAnswer> negotiated = OfferAnswer.pbxAnswer(session.offer.pbxTerms(), answer,
                    session.media.pbxRtpAddress().getAddress().getHostAddress(), session.media.pbxRtpAddress().getPort(),
                    session.sdpSessionId, length -> {
                        byte[] key = new byte[length];
                        random.nextBytes(key); // RFC 4568 §6.1: a fresh random master key and salt
                        return key;
                    });
            if (negotiated instanceof Negotiated.Rejected<PbxAnswer>(var leg, int status, String reason)) {
                totals.refused("answer-not-acceptable");
                return new AnswerOutcome.NotAcceptable(leg, status, reason);
            }
            PbxAnswer pbxAnswer = ((Negotiated.Agreed<PbxAnswer>) negotiated).value();
            session.answer = pbxAnswer;
            MediaDescription audio = answer.media().get(0);
            session.midCall = new Renegotiation(session.sdpSessionId, session.media.pbxRtpAddress(),
                    session.media.deviceTransport(), pbxAnswer.agreed(), session.offer.pbxTerms().direction(),
                    answer.direction(audio), audio.mid().orElse("0"), IceCredentials::random);
            session.media.apply(pbxAnswer.agreed());
            totals.answered(SessionTotals.label(pbxAnswer.agreed().mode()));
            return new AnswerOutcome.Answered(new SessionAnswered(pbxAnswer.sdp().encode(), pbxAnswer.agreed().mode()));
        }
    }

    /**
     * A leg's mid-call offer (RFC 3264 §8) on an answered session: the answer for that leg, or an
     * offer for the other leg whose answer goes to {@link #answerOffer}. See {@link Renegotiation}.
     */
    public OfferOutcome offer(String sessionId, Leg from, String sdp) {
        return withSessionAndSdp(sessionId, sdp, (session, description) -> {
            if (session.midCall == null) {
                return new OfferOutcome.Conflict("not-answered", "session " + sessionId + " has no answer yet");
            }
            if (session.midCall.pending()) {
                return new OfferOutcome.Conflict("offer-pending", "session " + sessionId
                        + " waits for the answer to an offer already");
            }
            return step(session, session.midCall.offer(from, description));
        });
    }

    /** The other leg's answer to the offer {@link #offer} sent it: the answer for the offering leg. */
    public OfferOutcome answerOffer(String sessionId, Leg from, String sdp) {
        return withSessionAndSdp(sessionId, sdp, (session, description) -> {
            if (session.midCall == null || !session.midCall.pending()) {
                return new OfferOutcome.Conflict("no-offer-pending", "session " + sessionId
                        + " has no offer waiting for an answer");
            }
            if (!session.midCall.awaitsAnswerFrom(from)) {
                return new OfferOutcome.Conflict("wrong-leg", "the pending offer went to the other leg, not the "
                        + from.name().toLowerCase(java.util.Locale.ROOT));
            }
            return step(session, session.midCall.answer(description));
        });
    }

    /** Runs {@code then} under the session's lock once the session is found and {@code sdp} parsed. */
    private OfferOutcome withSessionAndSdp(String sessionId, String sdp,
                                           BiFunction<Session, SessionDescription, OfferOutcome> then) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return new OfferOutcome.UnknownSession(sessionId);
        }
        SdpParseResult parsed = SdpParser.parse(sdp);
        if (parsed instanceof SdpParseResult.Invalid(String reason)) {
            totals.refused("bad-sdp");
            return new OfferOutcome.BadSdp("sdp: " + reason);
        }
        synchronized (session) {
            if (session.ended) {
                return new OfferOutcome.UnknownSession(sessionId);
            }
            return then.apply(session, ((SdpParseResult.Parsed) parsed).description());
        }
    }

    /**
     * The other leg refused the pending offer (or never answered): the session keeps the media it
     * had (RFC 3261 §14.1). False for an unknown session; nothing pending is no error.
     */
    public boolean abandonOffer(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return false;
        }
        synchronized (session) {
            if (session.midCall != null) {
                session.midCall.abandon();
            }
        }
        return true;
    }

    private OfferOutcome step(Session session, Negotiated<Renegotiation.Step> negotiated) {
        if (negotiated instanceof Negotiated.Rejected<Renegotiation.Step>(var leg, int status, String reason)) {
            totals.refused("reoffer-not-acceptable");
            return new OfferOutcome.NotAcceptable(leg, status, reason);
        }
        Renegotiation.Step step = ((Negotiated.Agreed<Renegotiation.Step>) negotiated).value();
        step.update().ifPresent(session.media::update);
        return new OfferOutcome.Offered(new SessionOffered(step.sendTo().name().toLowerCase(java.util.Locale.ROOT),
                step.answer() ? SessionOffered.ANSWER : SessionOffered.OFFER, step.sdp()));
    }

    /**
     * Ends a session and returns its final figures (empty: no such session). The edge reads a call's
     * quality from this answer, so a call's end costs one control request, not a stats read and a delete.
     * The id is remembered either way, so a creation of it still on its way is refused.
     */
    public Optional<SessionStats> delete(String sessionId) {
        remember(sessionId);
        Session session = sessions.get(sessionId);
        return session == null ? Optional.empty() : end(session);
    }

    /**
     * Deletes the sessions that waited longer than the unanswered timeout for their device's answer
     * (their edge gave up on them or went away) and forgets tombstones past their time. Run every
     * second or so by the control plane.
     *
     * @return how many sessions were deleted
     */
    public int expire() {
        Instant now = clock.instant();
        tombstones.values().removeIf(until -> !until.isAfter(now));
        Instant bornBefore = now.minus(unansweredTimeout);
        int expired = 0;
        for (Session session : sessions.values()) {
            if (!session.createdAt.isBefore(bornBefore)) {
                continue;
            }
            if (end(session, true).isPresent()) {
                totals.expiredUnanswered();
                expired++;
            }
        }
        if (expired > 0) {
            LOG.info("deleted {} session(s) left unanswered for {} s", expired, unansweredTimeout.toSeconds());
        }
        return expired;
    }

    private void remember(String sessionId) {
        if (tombstones.size() < MAX_TOMBSTONES) {
            tombstones.put(sessionId, clock.instant().plus(TOMBSTONE_TTL));
        }
    }

    /** Ends the session unless it ended already: out of the table, its ports released. */
    private Optional<SessionStats> end(Session session) {
        return end(session, false);
    }

    /**
     * As {@link #end(Session)}; with {@code onlyUnanswered}, not if it has an answer by now. Once
     * ended, requests that found the session just before answer as for an unknown one.
     */
    private Optional<SessionStats> end(Session session, boolean onlyUnanswered) {
        SessionStats last;
        SessionTotals.Figures figures;
        synchronized (session) {
            if (session.ended || (onlyUnanswered && session.answer != null)) {
                return Optional.empty();
            }
            session.ended = true;
            last = session.stats();
            figures = session.figures();
        }
        // not nested in the session's monitor: a metrics snapshot takes this one, then the sessions'
        synchronized (totals) {
            sessions.remove(session.id, session);
            totals.ended(figures);
        }
        session.media.close();
        reserved.decrementAndGet();
        LOG.debug("session {} ended", session.id);
        return Optional.of(last);
    }

    public Optional<SessionStats> stats(String sessionId) {
        Session session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        synchronized (session) {
            return Optional.of(session.stats());
        }
    }

    /**
     * Sessions that failed since the last call and whose edge asked to hear of it, by edge node;
     * each failure is handed out once.
     */
    public Map<String, List<SessionFailure>> takeFailures(String workerId) {
        Map<String, List<SessionFailure>> byEdge = new HashMap<>();
        for (Session session : sessions.values()) {
            if (session.edgeNode == null || session.failureReported) {
                continue;
            }
            String failure = session.media.failure();
            synchronized (session) {
                if (failure == null || session.failureReported) {
                    continue;
                }
                session.failureReported = true;
            }
            byEdge.computeIfAbsent(session.edgeNode, e -> new ArrayList<>())
                    .add(new SessionFailure(workerId, session.id, session.callId, failure));
        }
        return byEdge;
    }

    /** The worker's media totals over open and ended sessions, for its meters. */
    public MediaMeters.Totals totals() {
        synchronized (totals) {
            return totals.snapshot(sessions.values().stream().map(Session::figures).toList());
        }
    }

    /** Sessions now, for the registry's load figure. */
    public int count() {
        return sessions.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Deletes every session (worker shutdown). */
    @Override
    public void close() {
        sessions.values().forEach(this::end);
    }

    /** One session's state; guarded by its own monitor. */
    private static final class Session {
        final String id;
        final String callId;
        final String edgeNode;
        final Instant createdAt;
        final long sdpSessionId;
        final SessionMedia media;
        final DeviceOffer offer;
        PbxAnswer answer;
        /** Set with the answer: the session's mid-call offer/answer from then on. */
        Renegotiation midCall;
        /** Set when the session left the table: a request that found it just before gets no answer from it. */
        boolean ended;
        volatile boolean failureReported;

        Session(String id, String callId, String edgeNode, Instant createdAt, long sdpSessionId, SessionMedia media,
                DeviceOffer offer) {
            this.id = id;
            this.callId = callId;
            this.edgeNode = edgeNode;
            this.createdAt = createdAt;
            this.sdpSessionId = sdpSessionId;
            this.media = media;
            this.offer = offer;
        }

        synchronized SessionTotals.Figures figures() {
            return SessionTotals.Figures.of(media.status(),
                    answer == null ? null : SessionTotals.label(answer.agreed().mode()));
        }

        SessionStats stats() {
            int rtpPort = media.pbxRtpAddress().getPort();
            var terms = offer.pbxTerms();
            AgreedMedia agreed = answer == null ? null : answer.agreed();
            MediaStatus status = media.status();
            SessionStats.PbxLeg pbx = new SessionStats.PbxLeg(rtpPort, rtpPort + 1, terms.remoteAddress(),
                    terms.remoteRtpPort(),
                    agreed == null ? null : agreed.pbxCodec().name(),
                    agreed == null ? null : agreed.pbxTelephoneEvent().map(f -> f.payloadType()).orElse(null),
                    agreed == null ? null : agreed.pbxSrtp().map(k -> k.profile().name()).orElse(null),
                    status.pbxLatchedAddress(), status.pbx());
            SessionStats.DeviceLeg device = new SessionStats.DeviceLeg(media.deviceTransport().port(),
                    midCall != null ? midCall.ours().iceUfrag() : media.deviceTransport().iceUfrag(),
                    agreed == null ? null : agreed.deviceCodec().name(),
                    agreed == null ? null : agreed.deviceTelephoneEvent().map(f -> f.payloadType()).orElse(null),
                    agreed == null ? null : agreed.weAreDtlsClient() ? "client" : "server", status.device());
            return new SessionStats(id, callId, status.state(), status.failure(), createdAt.toString(),
                    agreed == null ? null : agreed.mode().name(), pbx, device);
        }
    }
}
