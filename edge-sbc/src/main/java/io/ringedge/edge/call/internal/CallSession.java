package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallContext;
import io.ringedge.edge.connection.CallSlot;
import io.ringedge.edge.call.CallEffect;
import io.ringedge.edge.call.CallEffect.AbandonRenegotiation;
import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.AckMidCall;
import io.ringedge.edge.call.CallEffect.AnswerMidCall;
import io.ringedge.edge.call.CallEffect.RelayMidCall;
import io.ringedge.edge.call.CallEffect.RenegotiateMedia;
import io.ringedge.edge.call.CallEffect.AnswerPbx;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.ByePbx;
import io.ringedge.edge.call.CallEffect.CancelFork;
import io.ringedge.edge.call.CallEffect.InviteFork;
import io.ringedge.edge.call.CallEffect.PrepareMedia;
import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RefusePbx;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallEffect.StartTimer;
import io.ringedge.edge.call.CallEffect.StopTimer;
import io.ringedge.edge.call.CallInput;
import io.ringedge.edge.call.CallState;
import io.ringedge.edge.call.CallTimer;
import io.ringedge.edge.call.ForkId;
import io.ringedge.edge.call.InboundCallMachine;
import io.ringedge.edge.call.MediaAnchor;
import io.ringedge.edge.call.Party;
import io.ringedge.edge.call.Sdp;
import io.ringedge.edge.call.RequestRef;
import io.ringedge.edge.call.Transition;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.LegQuality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.message.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One held call: its state, and the jain-sip objects of its legs. Everything here runs on the
 * call's {@link SerialExecutor}; messages, Kafka events and timers are posted to it, so the
 * state machine sees one input at a time and none of these fields needs a lock.
 */
final class CallSession {

    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

    private final CallContext call;
    private final CallRuntime runtime;
    /** The call's places in the edge's setup bound (freed once located) and its connection's limit (at its end). */
    private final CallSlot slot;
    private final SerialExecutor executor;
    private final PbxLeg pbx;
    private final Map<ForkId, DeviceLeg> forks = new HashMap<>();
    private final Map<RequestRef, ServerTransaction> requests = new HashMap<>();
    /** The side each mid-call request came from, for the Contact of its 2xx. */
    private final Map<RequestRef, Party> midCallFrom = new HashMap<>();
    private final Map<CallTimer, ScheduledFuture<?>> timers = new EnumMap<>(CallTimer.class);
    private final List<String> sipCallIds = new ArrayList<>();
    private final Set<String> flowIds = new HashSet<>();
    private CallState state;
    private long requestCount;
    private boolean mediaReleased;
    private boolean timersStopped;
    private boolean retiring;

    CallSession(CallContext call, CallRuntime runtime, PbxLeg pbx, CallSlot slot) {
        this.call = call;
        this.runtime = runtime;
        this.slot = slot;
        this.executor = new SerialExecutor(runtime.workers());
        this.pbx = pbx;
        this.sipCallIds.add(pbx.sipCallId());
    }

    String callId() {
        return call.callId();
    }

    void start() {
        executor.execute(this::ensureStarted);
    }

    void post(CallInput input) {
        executor.execute(() -> step(input));
    }

    /**
     * A device's response. Its Contact, the dialog's remote target, is pinned to the fork's flow
     * before the input is handled, so the ACK or BYE it causes leaves over that flow.
     */
    void postFromFork(ForkId fork, Optional<SipURI> dialogTarget, CallInput input) {
        executor.execute(() -> {
            DeviceLeg leg = forks.get(fork);
            if (leg != null && dialogTarget.isPresent()) {
                runtime.reach().pin(dialogTarget.get(), leg.target().flowId());
            }
            step(input instanceof CallInput.ForkAnswered answered ? anchored(answered) : input);
        });
    }

    /** A WebSocket flow closed: each of this call's forks over it has lost its device. */
    void postFlowClosed(String flowId) {
        executor.execute(() -> {
            for (DeviceLeg leg : List.copyOf(forks.values())) {
                if (leg.target().flowId().equals(flowId)) {
                    step(new CallInput.DeviceLost(leg.fork()));
                }
            }
        });
    }

    /** A BYE, CANCEL or mid-call request whose server transaction waits for the answer the state machine decides. */
    void postRequest(ServerTransaction transaction, Function<RequestRef, CallInput> input) {
        executor.execute(() -> {
            RequestRef ref = new RequestRef(call.callId() + "#" + ++requestCount);
            requests.put(ref, transaction);
            CallInput in = input.apply(ref);
            if (in instanceof CallInput.MidCallRequest r) {
                midCallFrom.put(ref, r.from());
            }
            step(in);
        });
    }

    /**
     * The device's answer goes to its fork's media session before the state machine sees the 2xx:
     * what the PBX gets is the worker's answer, and a device answer the worker refuses makes that
     * fork fail while the others ring on.
     */
    private CallInput anchored(CallInput.ForkAnswered answered) {
        return switch (runtime.media().answerToPbx(call.callId(), answered.fork(), answered.sdp())) {
            case MediaAnchor.Outcome.Relayed(Optional<Sdp> sdp) -> new CallInput.ForkAnswered(answered.fork(), sdp);
            case MediaAnchor.Outcome.Refused(int status, String reason) -> {
                LOG.info("call {}: answer of fork {} refused by its media: {}", call.callId(), answered.fork(), reason);
                yield new CallInput.ForkAnswerRefused(answered.fork(), reason);
            }
        };
    }

    private void step(CallInput input) {
        ensureStarted();
        if (input instanceof CallInput.Located) {
            slot.located();
        }
        dropLosingMedia(input);
        apply(runtime.machine().next(state, input, runtime.clock().instant()));
    }

    /** A fork that failed or whose device is gone will not carry the call: its media session goes now. */
    private void dropLosingMedia(CallInput input) {
        Optional<ForkId> lost = switch (input) {
            case CallInput.ForkFailed f -> Optional.of(f.fork());
            case CallInput.ForkAnswerRefused r -> Optional.of(r.fork());
            case CallInput.ForkMediaRefused m -> Optional.of(m.fork());
            case CallInput.DeviceLost l -> Optional.of(l.fork());
            default -> Optional.empty();
        };
        if (lost.isPresent() && !lost.equals(winner())) {
            runtime.media().dropFork(call.callId(), lost.get());
        }
    }

    private Optional<ForkId> winner() {
        return switch (state) {
            case CallState.Answered a -> Optional.of(a.winner());
            case CallState.Connected c -> Optional.of(c.winner());
            case CallState.Ended e -> e.winner();
            case CallState.Offered o -> Optional.empty();
            case CallState.Ringing r -> Optional.empty();
        };
    }

    /**
     * The call is findable before its start has run (so no input is dropped for want of it), so
     * an input may overtake the start; whichever comes first starts the call.
     */
    private void ensureStarted() {
        if (state == null) {
            apply(runtime.machine().start(call));
        }
    }

    private void apply(Transition transition) {
        state = transition.state();
        if (state instanceof CallState.Ended) {
            // before the final answer leaves: a PBX that places its next call at once finds the place free
            slot.release();
        }
        for (CallEffect effect : transition.effects()) {
            try {
                run(effect);
            } catch (SipException | RuntimeException e) {
                failed(effect, e);
            }
        }
        if (state instanceof CallState.Ended ended) {
            ended(ended);
        }
    }

    private void run(CallEffect effect) throws SipException {
        switch (effect) {
            case RespondToPbx r -> pbx.respond(r.status(), r.reason(), r.wake(), Optional.empty());
            case RefusePbx r -> pbx.refuse(r.status(), r.reason(), r.warnCode(), r.warning());
            case AnswerPbx a -> {
                pbx.respond(200, "OK", Optional.empty(), a.sdp());
                // the losers' media sessions go at once: a worker's capacity is for live calls
                forks.keySet().stream().filter(f -> !f.equals(a.fork()))
                        .forEach(f -> runtime.media().dropFork(call.callId(), f));
            }
            case AnswerRequest a -> answer(a);
            case InviteFork i -> invite(i);
            case PrepareMedia m -> runtime.media().prepareForDevice(call.callId(), m.deviceId(), m.offer());
            case CancelFork c -> {
                Optional<DeviceLeg> leg = leg(c.fork());
                if (leg.isPresent()) {
                    leg.get().cancel();
                }
            }
            case AckFork a -> {
                Optional<DeviceLeg> leg = leg(a.fork());
                if (leg.isPresent()) {
                    leg.get().ack(runtime.media().ackToDevice(call.callId(), a.fork(), a.sdp()));
                }
            }
            case ByeFork b -> {
                Optional<DeviceLeg> leg = leg(b.fork());
                if (leg.isPresent()) {
                    leg.get().bye();
                }
            }
            case ByePbx b -> pbx.bye();
            case StartTimer s -> {
                stopTimer(s.timer());
                timers.put(s.timer(), runtime.timers().schedule(() -> post(new CallInput.TimerFired(s.timer())),
                        s.after().toMillis(), TimeUnit.MILLISECONDS));
            }
            case StopTimer s -> stopTimer(s.timer());
            case RenegotiateMedia m -> post(new CallInput.MidCallMedia(m.request(), m.answer()
                    ? runtime.media().reanswer(call.callId(), winner().orElseThrow(), m.from(), m.sdp())
                    : runtime.media().reoffer(call.callId(), winner().orElseThrow(), m.from(), m.sdp())));
            case AbandonRenegotiation a -> winner().ifPresent(w -> runtime.media().abandonReoffer(call.callId(), w));
            case RelayMidCall r -> dialog(r.to()).send(r.method(), r.body(), new Relayed(r.to(), r.request(), r.method()));
            case AnswerMidCall a -> answerMidCall(a);
            case AckMidCall a -> dialog(a.to()).ack(a.cseq());
            case Publish p -> runtime.publisher().publish(p.event() instanceof CallEnded ended
                    ? ended.withMedia(releaseMedia()) : p.event());
        }
    }

    private void invite(InviteFork invite) throws SipException {
        Optional<DeviceTarget> target = runtime.reach().target(call, invite.device());
        if (target.isEmpty()) {
            LOG.info("call {}: device {} is not reachable from this edge", call.callId(), invite.device().deviceId());
            post(new CallInput.ForkFailed(invite.fork(), 480));
            return;
        }
        Optional<Sdp> offer;
        switch (runtime.media().offerToDevice(call.callId(), invite.fork(), invite.device().deviceId(),
                invite.offer())) {
            case MediaAnchor.Outcome.Relayed(Optional<Sdp> sdp) -> offer = sdp;
            case MediaAnchor.Outcome.Refused(int status, String reason) -> {
                LOG.info("call {}: no media for device {}: {} {}", call.callId(), invite.device().deviceId(), status,
                        reason);
                post(new CallInput.ForkMediaRefused(invite.fork(), status, reason));
                return;
            }
        }
        DeviceLeg leg = DeviceLeg.prepare(runtime.sip(), target.get(), invite.fork(), invite.caller(), call.did(),
                offer);
        // known before the INVITE leaves, so the device's first response finds its call
        forks.put(invite.fork(), leg);
        sipCallIds.add(leg.sipCallId());
        flowIds.add(leg.target().flowId());
        runtime.registry().addFork(this, invite.fork(), leg.sipCallId(), leg.target().flowId());
        leg.send();
    }

    private void answer(AnswerRequest answer) throws SipException {
        ServerTransaction transaction = requests.remove(answer.request());
        if (transaction == null) {
            return;
        }
        try {
            var response = runtime.sip().messages().createResponse(answer.status(), transaction.getRequest());
            response.setReasonPhrase(answer.reason());
            transaction.sendResponse(response);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new SipException("cannot answer " + answer, e);
        }
    }

    private void answerMidCall(AnswerMidCall answer) throws SipException {
        ServerTransaction transaction = requests.remove(answer.request());
        Party from = midCallFrom.remove(answer.request());
        if (transaction == null) {
            return;
        }
        try {
            Response response = runtime.sip().messages().createResponse(answer.status(), transaction.getRequest());
            response.setReasonPhrase(answer.reason());
            runtime.sip().setMessageBody(response, answer.body());
            if (answer.status() / 100 == 2 && from != null) {
                response.setHeader(dialog(from).contact()); // RFC 3261 §12.2.2: the 2xx may update the target
            }
            if (answer.warning().isPresent()) {
                response.setHeader(runtime.sip().warning(399, answer.warning().get()));
            }
            transaction.sendResponse(response);
        } catch (java.text.ParseException | javax.sip.InvalidArgumentException e) {
            throw new SipException("cannot answer " + answer, e);
        }
    }

    private DialogLeg dialog(Party party) throws SipException {
        if (party.isPbx()) {
            return pbx;
        }
        DeviceLeg leg = forks.get(party.fork().orElseThrow());
        if (leg == null) {
            throw new SipException("no dialog with " + party);
        }
        return leg;
    }

    /** An effect that could not be carried out: a request that cannot leave fails as on a 503 (RFC 3261 §8.1.3.1). */
    private void failed(CallEffect effect, Exception e) {
        if (effect instanceof InviteFork invite) {
            LOG.info("call {}: INVITE to {} failed: {}", call.callId(), invite.device().deviceId(), e.getMessage());
            post(new CallInput.ForkFailed(invite.fork(), 503));
        } else if (effect instanceof RelayMidCall relay) {
            // RFC 3261 §8.1.3.1: a request that cannot be sent is answered as a 503 would be
            LOG.info("call {}: {} to {} could not be sent: {}", call.callId(), relay.method(), relay.to(), e.getMessage());
            post(new CallInput.MidCallAnswered(relay.to(), relay.request(), relay.method(), 0, 503,
                    "Service Unavailable", Optional.empty()));
        } else {
            LOG.warn("call {}: {} failed: {}", call.callId(), effect, e.getMessage());
        }
    }

    /** Frees the call's media once; the figures of its last moments go in {@code CallEnded}. */
    private List<LegQuality> releaseMedia() {
        if (mediaReleased) {
            return List.of();
        }
        mediaReleased = true;
        return runtime.media().release(call.callId());
    }

    private void ended(CallState.Ended ended) {
        if (!timersStopped) {
            timersStopped = true;
            timers.keySet().forEach(this::cancelFuture);
            timers.clear();
            releaseMedia();
        }
        if (ended.settled() && !retiring) {
            // kept a little longer: retransmissions and a BYE crossing ours still find the call
            retiring = true;
            runtime.timers().schedule(() -> executor.execute(() -> runtime.registry().remove(this, sipCallIds, flowIds)),
                    runtime.linger().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Optional<DeviceLeg> leg(ForkId fork) {
        return Optional.ofNullable(forks.get(fork));
    }

    private void stopTimer(CallTimer timer) {
        cancelFuture(timer);
        timers.remove(timer);
    }

    private void cancelFuture(CallTimer timer) {
        ScheduledFuture<?> future = timers.get(timer);
        if (future != null) {
            future.cancel(false);
        }
    }
}
