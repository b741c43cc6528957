package io.ringedge.edge.media;

import io.ringedge.edge.call.ForkId;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.Party;
import io.ringedge.edge.call.Sdp;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallEnded.Leg;
import io.ringedge.events.CallEnded.LegQuality;
import io.ringedge.media.control.ControlError;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionAnswered;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.control.SessionFailure;
import io.ringedge.media.control.SessionIds;
import io.ringedge.media.control.SessionOffered;
import io.ringedge.media.control.SessionStats;
import io.ringedge.media.registry.WorkerInfo;
import io.ringedge.media.registry.WorkerRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Anchors every call's media on the media workers: one worker session per device fork, created
 * from the PBX's offer on the least loaded live worker (the next one when a worker is full or
 * does not answer), the winning device's answer applied to its session, the losers' sessions
 * deleted at once and the winner's at the end of the call, after its final stats were read.
 * The anchor names each session before creating it, so a creation it stopped waiting for is
 * deleted too and never holds a worker's capacity.
 * Mid-call offers and answers go to the winner's session ({@code POST .../offer}).
 *
 * <p>A device being woken gets its session while its push travels ({@link #prepareForDevice}), on
 * the least loaded worker, tried once: its INVITE then leaves as soon as it attaches. A prepared
 * session that failed to open leaves the fork to open its own as usual; one whose device never
 * attached is deleted with the call.
 *
 * <p>Each call's methods run on that call's thread; the table is concurrent because the failure
 * watch reads it from its own thread.
 */
public final class WorkerMediaAnchor implements MediaAnchor {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMediaAnchor.class);
    private static final int DELETE_ATTEMPTS = 3;

    /** Where a call's media failures are reported (the B2BUA ends the call with the cause). */
    @FunctionalInterface
    public interface FailureSink {
        void mediaFailed(String callId, EndCause cause, String detail);
    }

    /** One fork's session on one worker; {@code pbxAnswer} once the device's answer was applied. */
    private record ForkSession(WorkerInfo worker, String sessionId, Optional<Sdp> pbxAnswer) {
    }

    /** A session opened for a device before its fork, and the offer its INVITE carries. */
    private record Prepared(ForkSession session, Sdp deviceOffer) {
    }

    /** One call's sessions; {@code failureReported} so a call ends once however many signals arrive. */
    private static final class CallMedia {
        final ConcurrentHashMap<ForkId, ForkSession> forks = new ConcurrentHashMap<>();
        /** by device id: sessions opened for woken devices, until their fork takes them (empty: none opened) */
        final ConcurrentHashMap<String, CompletableFuture<Optional<Prepared>>> prepared = new ConcurrentHashMap<>();
        volatile boolean failureReported;

        Optional<ForkSession> answered() {
            return forks.values().stream().filter(f -> f.pbxAnswer().isPresent()).findFirst();
        }
    }

    private final String nodeId;
    private final Supplier<List<WorkerInfo>> liveWorkers;
    private final MediaControlClient client;
    private final ConcurrentHashMap<String, CallMedia> calls = new ConcurrentHashMap<>();
    private volatile FailureSink failures = (callId, cause, detail) -> {
    };

    /**
     * @param nodeId      this edge, named in every session so the worker reports failures to it
     * @param liveWorkers the registry's live workers, least loaded first ({@code WorkerDirectory::liveWorkers})
     */
    public WorkerMediaAnchor(String nodeId, Supplier<List<WorkerInfo>> liveWorkers, MediaControlClient client) {
        this.nodeId = nodeId;
        this.liveWorkers = liveWorkers;
        this.client = client;
    }

    /** Set once at wiring: the B2BUA exists only after its anchor. */
    public void onFailure(FailureSink sink) {
        this.failures = sink;
    }

    @Override
    public void prepareForDevice(String callId, String deviceId, Optional<Sdp> pbxOffer) {
        if (pbxOffer.isEmpty()) {
            return; // the fork refuses it: nothing to prepare
        }
        Optional<WorkerInfo> worker;
        try {
            worker = workersWithRoom().stream().findFirst();
        } catch (WorkerRegistryUnavailableException e) {
            return; // the fork tries again, and answers for it
        }
        if (worker.isEmpty()) {
            return;
        }
        String sessionId = SessionIds.newId();
        ForkSession session = new ForkSession(worker.get(), sessionId, Optional.empty());
        calls.computeIfAbsent(callId, c -> new CallMedia()).prepared.put(deviceId, client.createSession(
                worker.get().controlUrl(), sessionId, callId, pbxOffer.get().body(), nodeId).thenApply(result -> {
                    if (result instanceof ControlResult.Ok<SessionCreated>(SessionCreated created)) {
                        return Optional.of(new Prepared(session, new Sdp(created.deviceOffer())));
                    }
                    if (result instanceof ControlResult.Unreachable<SessionCreated>) {
                        delete(callId, session); // it may yet be created: it must not stay
                    }
                    return Optional.empty();
                }));
    }

    /** The registry's live workers that are not full, least loaded first. */
    private List<WorkerInfo> workersWithRoom() {
        return liveWorkers.get().stream().filter(w -> !w.full()).toList();
    }

    @Override
    public Outcome offerToDevice(String callId, ForkId fork, String deviceId, Optional<Sdp> pbxOffer) {
        CallMedia held = calls.get(callId);
        CompletableFuture<Optional<Prepared>> preparing = held == null ? null : held.prepared.remove(deviceId);
        if (preparing != null) {
            // started when the push left, so done or nearly; the client bounds the wait either way
            Optional<Prepared> prepared = preparing.join();
            if (prepared.isPresent()) {
                held.forks.put(fork, prepared.get().session());
                return new Outcome.Relayed(Optional.of(prepared.get().deviceOffer()));
            }
        }
        if (pbxOffer.isEmpty()) {
            // RFC 3261 §13.2.1 late offer: the worker builds the device's offer from the PBX's, so
            // without one there is nothing to anchor
            return new Outcome.Refused(488, "an INVITE without an SDP offer cannot be anchored");
        }
        List<WorkerInfo> workers;
        try {
            workers = workersWithRoom();
        } catch (WorkerRegistryUnavailableException e) {
            return new Outcome.Refused(503, "media worker registry unavailable");
        }
        List<String> tried = new ArrayList<>();
        for (WorkerInfo worker : workers) {
            String sessionId = SessionIds.newId();
            ControlResult<SessionCreated> result = client.createSession(worker.controlUrl(), sessionId, callId,
                    pbxOffer.get().body(), nodeId).join();
            switch (result) {
                case ControlResult.Ok<SessionCreated>(SessionCreated created) -> {
                    calls.computeIfAbsent(callId, c -> new CallMedia()).forks
                            .put(fork, new ForkSession(worker, sessionId, Optional.empty()));
                    return new Outcome.Relayed(Optional.of(new Sdp(created.deviceOffer())));
                }
                case ControlResult.Refused<SessionCreated>(int http, ControlError error) when http == 503 ->
                        tried.add(worker.id() + ": " + error.reason());
                case ControlResult.Refused<SessionCreated>(int http, ControlError error) -> {
                    // the offer itself is the problem: another worker would say the same
                    return new Outcome.Refused(error.sipStatus() != null ? error.sipStatus() : 488, error.reason());
                }
                case ControlResult.Unreachable<SessionCreated>(String reason) -> {
                    LOG.warn("call {}: media worker {} unreachable, trying the next: {}", callId, worker.id(), reason);
                    tried.add(worker.id() + ": unreachable");
                    // the worker may yet create it (a slow answer, not a lost request): it must not stay
                    delete(callId, new ForkSession(worker, sessionId, Optional.empty()));
                }
            }
        }
        return new Outcome.Refused(503, workers.isEmpty() ? "no media worker available"
                : "no media worker could take the call (" + String.join("; ", tried) + ")");
    }

    @Override
    public Outcome answerToPbx(String callId, ForkId fork, Optional<Sdp> deviceSdp) {
        CallMedia media = calls.get(callId);
        ForkSession session = media == null ? null : media.forks.get(fork);
        if (session == null) {
            return new Outcome.Refused(488, "no media session for this device (the call moved on)");
        }
        if (session.pbxAnswer().isPresent()) {
            return new Outcome.Relayed(session.pbxAnswer()); // a retransmitted 2xx: same answer
        }
        if (deviceSdp.isEmpty()) {
            return new Outcome.Refused(488, "the device answered without SDP");
        }
        return switch (client.answer(session.worker().controlUrl(), session.sessionId(), deviceSdp.get().body()).join()) {
            case ControlResult.Ok<SessionAnswered>(SessionAnswered answered) -> {
                Optional<Sdp> pbxAnswer = Optional.of(new Sdp(answered.pbxAnswer()));
                media.forks.put(fork, new ForkSession(session.worker(), session.sessionId(), pbxAnswer));
                // answered: a device still waking can no longer win, so its session goes now, not at the end
                deletePrepared(callId, media);
                yield new Outcome.Relayed(pbxAnswer);
            }
            case ControlResult.Refused<SessionAnswered>(int http, ControlError error) ->
                    new Outcome.Refused(error.sipStatus() != null ? error.sipStatus() : 488, error.reason());
            // the reason is only logged (CallSession): the fork fails with 488, naming no worker to the PBX
            case ControlResult.Unreachable<SessionAnswered>(String reason) ->
                    new Outcome.Refused(503, "media worker " + session.worker().id() + " unreachable: " + reason);
        };
    }

    @Override
    public Renegotiated reoffer(String callId, ForkId winner, Party from, Sdp offer) {
        return answered(callId, winner).map(session -> renegotiated(session, client.offer(
                session.worker().controlUrl(), session.sessionId(), leg(from), offer.body()).join()))
                .orElseGet(() -> new Renegotiated.Refused(500, "no media session for this call"));
    }

    @Override
    public Renegotiated reanswer(String callId, ForkId winner, Party from, Sdp answer) {
        return answered(callId, winner).map(session -> renegotiated(session, client.answerOffer(
                session.worker().controlUrl(), session.sessionId(), leg(from), answer.body()).join()))
                .orElseGet(() -> new Renegotiated.Refused(500, "no media session for this call"));
    }

    @Override
    public void abandonReoffer(String callId, ForkId winner) {
        answered(callId, winner).ifPresent(session -> client.abandonOffer(session.worker().controlUrl(),
                session.sessionId()).thenAccept(result -> {
                    if (!(result instanceof ControlResult.Ok<?>)) {
                        LOG.info("call {}: could not abandon the mid-call offer on {}: {}", callId,
                                session.worker().id(), result);
                    }
                }));
    }

    private Optional<ForkSession> answered(String callId, ForkId winner) {
        CallMedia media = calls.get(callId);
        return Optional.ofNullable(media == null ? null : media.forks.get(winner))
                .filter(session -> session.pbxAnswer().isPresent());
    }

    /** The worker's word as SIP: its answer or offer, else the status for the side that sent the SDP. */
    private static Renegotiated renegotiated(ForkSession session, ControlResult<SessionOffered> result) {
        return switch (result) {
            case ControlResult.Ok<SessionOffered>(SessionOffered offered) -> offered.isAnswer()
                    ? new Renegotiated.Answer(new Sdp(offered.sdp())) : new Renegotiated.Offer(new Sdp(offered.sdp()));
            // RFC 3261 §14.1: another offer is under way on this session
            case ControlResult.Refused<SessionOffered>(int http, ControlError error)
                    when "offer-pending".equals(error.error()) -> new Renegotiated.Refused(491, error.reason());
            case ControlResult.Refused<SessionOffered>(int http, ControlError error) when http == 400 ->
                    new Renegotiated.Refused(400, error.reason());
            case ControlResult.Refused<SessionOffered>(int http, ControlError error) -> new Renegotiated.Refused(
                    error.sipStatus() != null ? error.sipStatus() : 500, error.reason());
            case ControlResult.Unreachable<SessionOffered>(String reason) ->
                    new Renegotiated.Refused(500, "media worker " + session.worker().id() + " unreachable");
        };
    }

    private static String leg(Party party) {
        return party.isPbx() ? "pbx" : "device";
    }

    /** The PBX's ACK carries no SDP the device needs: the worker's offer/answer with it is complete. */
    @Override
    public Optional<Sdp> ackToDevice(String callId, ForkId fork, Optional<Sdp> pbxAckSdp) {
        return Optional.empty();
    }

    @Override
    public void dropFork(String callId, ForkId fork) {
        CallMedia media = calls.get(callId);
        ForkSession session = media == null ? null : media.forks.remove(fork);
        if (session != null) {
            delete(callId, session); // not waited for: nothing on the call depends on it
        }
    }

    @Override
    public List<LegQuality> release(String callId) {
        CallMedia media = calls.remove(callId);
        if (media == null) {
            return List.of();
        }
        Optional<ForkSession> answered = media.answered();
        media.forks.values().stream().filter(session -> answered.filter(session::equals).isEmpty())
                .forEach(session -> delete(callId, session));
        deletePrepared(callId, media);
        return answered.map(session -> finalQuality(callId, session)).orElse(List.of());
    }

    /** The sessions of devices that never attached; a creation still under way is deleted once it answers. */
    private void deletePrepared(String callId, CallMedia media) {
        for (String deviceId : List.copyOf(media.prepared.keySet())) {
            CompletableFuture<Optional<Prepared>> preparing = media.prepared.remove(deviceId);
            if (preparing != null) {
                preparing.thenAccept(prepared -> prepared.ifPresent(p -> delete(callId, p.session())));
            }
        }
    }

    /**
     * Ends the calls whose answered session is on a worker that is no longer live. Called by the
     * failure watch after each look at the registry.
     */
    void workersAlive(Set<String> liveIds) {
        calls.forEach((callId, media) -> media.answered()
                .filter(session -> !liveIds.contains(session.worker().id()))
                .ifPresent(session -> report(callId, media, EndCause.MEDIA_WORKER_LOST,
                        "media worker " + session.worker().id() + " left the registry")));
    }

    /**
     * A worker reported that a session failed; only the answered session's failure ends the call.
     * A session this edge no longer holds (its call ended but the delete did not get through) is
     * deleted now: the worker keeps a failed session until it is told.
     */
    void sessionFailed(SessionFailure failure) {
        CallMedia media = calls.get(failure.callId());
        Optional<ForkSession> held = media == null ? Optional.empty() : media.forks.values().stream()
                .filter(session -> session.sessionId().equals(failure.sessionId())).findFirst();
        if (held.isEmpty()) {
            if (media != null) {
                // a prepared session is not taken by its device's fork once it failed
                media.prepared.values().removeIf(preparing -> preparing.getNow(Optional.empty())
                        .filter(p -> p.session().sessionId().equals(failure.sessionId())).isPresent());
            }
            // called on the Redis subscriber's thread, which must not wait for the registry
            Thread.ofVirtual().name("media-orphan-delete").start(() -> deleteOrphan(failure));
        } else if (held.get().pbxAnswer().isPresent()) {
            report(failure.callId(), media, causeOf(failure.cause()), failure.failure());
        }
    }

    private void deleteOrphan(SessionFailure failure) {
        try {
            liveWorkers.get().stream().filter(worker -> worker.id().equals(failure.workerId())).findFirst()
                    .ifPresent(worker -> delete(failure.callId(),
                            new ForkSession(worker, failure.sessionId(), Optional.empty())));
        } catch (WorkerRegistryUnavailableException e) {
            LOG.info("call {}: failed media session on {} left for the worker's expiry: {}", failure.callId(),
                    failure.workerId(), e.getMessage());
        }
    }

    /** Workers holding answered sessions of this edge's calls. */
    Set<String> workersInUse() {
        return calls.values().stream().flatMap(m -> m.answered().stream()).map(s -> s.worker().id())
                .collect(Collectors.toSet());
    }

    /** Calls holding media sessions now. */
    public int calls() {
        return calls.size();
    }

    static EndCause causeOf(String workerCause) {
        return switch (workerCause) {
            case "media-timeout" -> EndCause.MEDIA_TIMEOUT;
            case "consent-lost" -> EndCause.CONSENT_LOST;
            default -> EndCause.MEDIA_FAILED;
        };
    }

    private void report(String callId, CallMedia media, EndCause cause, String detail) {
        if (media.failureReported) {
            return;
        }
        media.failureReported = true;
        LOG.info("call {}: media failed ({}): {}", callId, cause, detail);
        failures.mediaFailed(callId, cause, detail);
    }

    /** Deletes the answered session; the worker's answer carries its final figures. */
    private List<LegQuality> finalQuality(String callId, ForkSession session) {
        return switch (client.delete(session.worker().controlUrl(), session.sessionId()).join()) {
            case ControlResult.Ok<SessionStats>(SessionStats stats) -> quality(stats);
            // a worker that is gone took its figures with it; the call still ends
            case ControlResult.Refused<SessionStats> refused -> List.of();
            case ControlResult.Unreachable<SessionStats>(String reason) -> {
                // the call ends without its figures; the session still has to go
                delete(callId, session, 2);
                yield List.of();
            }
        };
    }

    static List<LegQuality> quality(SessionStats stats) {
        List<LegQuality> legs = new ArrayList<>(2);
        if (stats.pbxLeg() != null && stats.pbxLeg().media() != null) {
            legs.add(leg(Leg.PBX, stats.pbxLeg().codec(), stats.pbxLeg().media()));
        }
        if (stats.deviceLeg() != null && stats.deviceLeg().media() != null) {
            legs.add(leg(Leg.DEVICE, stats.deviceLeg().codec(), stats.deviceLeg().media()));
        }
        return legs;
    }

    private static LegQuality leg(Leg leg, String codec, SessionStats.Media m) {
        return new LegQuality(leg, codec, m.packetsReceived(), m.packetsLost(), m.jitterMs(), m.packetsSent(),
                m.rttMs(), m.mos());
    }

    private void delete(String callId, ForkSession session) {
        delete(callId, session, 1);
    }

    /**
     * Deletes without waiting; a worker that did not answer is asked again {@code attempt} seconds
     * later, up to {@value #DELETE_ATTEMPTS} times in all: a session left behind holds a worker's
     * capacity until the worker's own expiry.
     */
    private void delete(String callId, ForkSession session, int attempt) {
        client.delete(session.worker().controlUrl(), session.sessionId()).thenAccept(result -> {
            if (result instanceof ControlResult.Unreachable<?>(String reason)) {
                if (attempt < DELETE_ATTEMPTS) {
                    CompletableFuture.delayedExecutor(attempt, TimeUnit.SECONDS)
                            .execute(() -> delete(callId, session, attempt + 1));
                } else {
                    LOG.info("call {}: could not delete media session on {} after {} attempts: {}", callId,
                            session.worker().id(), attempt, reason);
                }
            }
        });
    }
}
