package io.ringedge.edge.call;

import io.ringedge.edge.call.BestResponse.FinalAnswer;
import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.AnswerPbx;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.PrepareMedia;
import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RefusePbx;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallEffect.StartTimer;
import io.ringedge.edge.call.CallEffect.StopTimer;
import io.ringedge.edge.call.CallInput.DeviceAvailable;
import io.ringedge.edge.call.CallInput.DeviceBye;
import io.ringedge.edge.call.CallInput.DeviceLost;
import io.ringedge.edge.call.CallInput.ForkAnswerRefused;
import io.ringedge.edge.call.CallInput.ForkAnswered;
import io.ringedge.edge.call.CallInput.ForkMediaRefused;
import io.ringedge.edge.call.CallInput.MediaFailed;
import io.ringedge.edge.call.CallInput.ForkFailed;
import io.ringedge.edge.call.CallInput.ForkProvisional;
import io.ringedge.edge.call.CallInput.Located;
import io.ringedge.edge.call.CallInput.PbxAck;
import io.ringedge.edge.call.CallInput.PbxBye;
import io.ringedge.edge.call.CallInput.PbxCancel;
import io.ringedge.edge.call.CallInput.TimerFired;
import io.ringedge.edge.call.CallState.Answered;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.edge.call.CallState.Offered;
import io.ringedge.edge.call.CallState.Ringing;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallRinging;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import io.ringedge.events.DevicesLocated.AsleepDevice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Transitions while no device has answered: {@link Offered} and {@link Ringing}. */
final class BeforeAnswer {

    /** RFC 3261 §20.43 warn-codes: 305 "Incompatible media format", 399 "Miscellaneous warning". */
    static final int WARN_INCOMPATIBLE_MEDIA = 305;
    static final int WARN_MISC = 399;

    private final CallConfig config;

    BeforeAnswer(CallConfig config) {
        this.config = config;
    }

    /**
     * {@link Offered} is a {@link Ringing} with nothing in it yet: the same rules apply, and a
     * result that is still empty reads as {@code Offered} again.
     */
    Transition offered(Offered state, CallInput input, Instant now) {
        Ringing empty = new Ringing(state.call(), Forks.none(), false, Set.of(), false);
        Transition t = ringing(empty, input, now);
        return t.state().equals(empty) ? new Transition(state, t.effects()) : t;
    }

    Transition ringing(Ringing s, CallInput input, Instant now) {
        List<CallEffect> out = new ArrayList<>();
        CallState next = switch (input) {
            case Located l -> located(s, l.devices(), out, now);
            case DeviceAvailable d -> attached(s, d.device(), out);
            case ForkProvisional p -> provisional(s, p, out);
            case ForkAnswered a -> answered(s, a, out, now);
            case ForkFailed f -> settleIfExhausted(with(s, ForkRules.failed(s.forks(), f.fork(), f.status())), out, now);
            case ForkMediaRefused m -> mediaRefused(s, m, out, now);
            case ForkAnswerRefused r -> settleIfExhausted(with(s, ForkRules.answerRefused(s.forks(), r.fork(), out)),
                    out, now);
            case MediaFailed m -> {
                // the media of a fork that has not answered yet died (its worker vanished): the call
                // cannot be carried, so the PBX hears why now rather than at the ring timeout
                out.add(new RefusePbx(503, "Service Unavailable", WARN_MISC, m.detail()));
                Forks forks = ForkRules.cancelAll(s.forks(), out);
                out.add(new StopTimer(CallTimer.RING));
                yield end(with(s, forks), m.cause(), 503, out, now);
            }
            case DeviceLost l -> settleIfExhausted(with(s, ForkRules.failed(s.forks(), l.fork(), 503)), out, now);
            case PbxCancel c -> callerGone(s, c.request(), out, now);
            // RFC 3261 §15: the caller may BYE an early dialog; §15.1.2 answers the pending INVITE 487.
            case PbxBye b -> callerGone(s, b.request(), out, now);
            // RFC 3261 §15: a callee MUST NOT send BYE on an early dialog; there is no dialog to end.
            case DeviceBye b -> {
                out.add(noSuchDialog(b.request()));
                yield s;
            }
            // an ACK before any 2xx is the ACK of a non-2xx, which the transaction layer absorbs
            case PbxAck a -> s;
            case TimerFired t -> t.timer() == CallTimer.RING ? noAnswer(s, out, now) : s;
            case CallInput.MidCallInput m -> {
                MidCallRules.notConnected(m, false, out);
                yield s;
            }
        };
        return new Transition(next, out);
    }

    private CallState located(Ringing s, DevicesLocated devices, List<CallEffect> out, Instant now) {
        if (!devices.callId().equals(s.call().callId())) {
            return s;
        }
        Forks forks = s.forks();
        // Kafka may deliver DevicesLocated twice, or after a device attached on its own: a device
        // that already has a fork gets no second INVITE.
        for (AttachedDevice device : devices.attached()) {
            forks = ForkRules.ring(forks, s.call(), device, out);
        }
        Set<String> awaiting = new HashSet<>(s.awaiting());
        for (AsleepDevice device : devices.asleep()) {
            if (!forks.hasDevice(device.deviceId()) && awaiting.add(device.deviceId())) {
                out.add(new PrepareMedia(device.deviceId(), s.call().pbxOffer()));
            }
        }
        if (s.awaiting().isEmpty() && !awaiting.isEmpty() && !s.ringbackSent()) {
            // a phone in a pocket takes seconds to wake: tell the PBX the call is alive meanwhile
            out.add(RespondToPbx.ringingWhile(RespondToPbx.Wake.WAKING));
        }
        return settleIfExhausted(new Ringing(s.call(), forks, true, awaiting, s.ringbackSent()), out, now);
    }

    private static CallState attached(Ringing s, AttachedDevice device, List<CallEffect> out) {
        Set<String> awaiting = new HashSet<>(s.awaiting());
        boolean woken = awaiting.remove(device.deviceId());
        Forks forks = ForkRules.ring(s.forks(), s.call(), device, out);
        if (forks != s.forks()) {
            out.add(new Publish(new InviteDelivered(s.call().callId(), device.deviceId())));
            if (woken && !s.ringbackSent()) {
                out.add(RespondToPbx.ringingWhile(RespondToPbx.Wake.DEVICE_ATTACHED));
            }
        }
        return new Ringing(s.call(), forks, s.located(), awaiting, s.ringbackSent());
    }

    /** The first 180 or 183 from any fork becomes the one 180 the PBX gets. */
    private static CallState provisional(Ringing s, ForkProvisional p, List<CallEffect> out) {
        Forks forks = ForkRules.provisional(s.forks(), p.fork(), out);
        boolean alerting = p.status() == 180 || p.status() == 183;
        Optional<Fork> fork = forks.find(p.fork()).filter(f -> f.status() == Fork.Status.PROCEEDING);
        if (s.ringbackSent() || !alerting || fork.isEmpty()) {
            return with(s, forks);
        }
        // A 183's early media is not relayed: with several forks it would be ambiguous whose media
        // the caller hears (RFC 3960 §3), and the media worker anchors none before answer yet. The
        // PBX plays its own ringback on a plain 180.
        out.add(RespondToPbx.of(180, "Ringing"));
        out.add(new Publish(new CallRinging(s.call().callId(), fork.get().device().deviceId())));
        return new Ringing(s.call(), forks, s.located(), s.awaiting(), true);
    }

    /**
     * No media worker can carry the PBX's offer (488) or none could be reached (503). Every fork
     * would get the same offer, so the call fails at once with the anchor's status and reason.
     */
    private static CallState mediaRefused(Ringing s, ForkMediaRefused m, List<CallEffect> out, Instant now) {
        if (s.forks().find(m.fork()).filter(Fork::pending).isEmpty()) {
            return s;
        }
        boolean codec = m.status() == 488;
        out.add(new RefusePbx(m.status(), codec ? "Not Acceptable Here" : "Service Unavailable",
                codec ? WARN_INCOMPATIBLE_MEDIA : WARN_MISC, m.reason()));
        Forks forks = ForkRules.cancelAll(ForkRules.failed(s.forks(), m.fork(), m.status()), out);
        out.add(new StopTimer(CallTimer.RING));
        return end(with(s, forks), codec ? EndCause.MEDIA_REJECTED : EndCause.NO_MEDIA_WORKER, m.status(), out, now);
    }

    /** The first 2xx wins (RFC 3261 §16.7 step 5 for forking); every other fork is cancelled. */
    private CallState answered(Ringing s, ForkAnswered a, List<CallEffect> out, Instant now) {
        Optional<Fork> winner = s.forks().find(a.fork())
                .filter(f -> f.status() == Fork.Status.CALLING || f.status() == Fork.Status.PROCEEDING);
        if (winner.isEmpty()) {
            return with(s, ForkRules.lateAnswer(s.forks(), a.fork(), out));
        }
        out.add(new AnswerPbx(a.fork(), a.sdp()));
        if (AfterAnswer.deviceAckedAtAnswer(s.call())) {
            out.add(new AckFork(a.fork(), Optional.empty()));
        }
        Forks forks = ForkRules.cancelAll(s.forks().replace(winner.get().with(Fork.Status.WON)), out);
        out.add(new StopTimer(CallTimer.RING));
        out.add(new StartTimer(CallTimer.ACK, config.ackTimeout()));
        out.add(new Publish(new CallAnswered(s.call().callId(), winner.get().device().deviceId())));
        return new Answered(s.call(), forks, a.fork(), now, false);
    }

    /**
     * Every fork has failed and no device is still expected: the PBX gets the best of the
     * failures ({@link BestResponse}), or 480 when there was never a device to try.
     */
    private static CallState settleIfExhausted(Ringing s, List<CallEffect> out, Instant now) {
        if (!s.located() || !s.awaiting().isEmpty() || !s.forks().nonePending()) {
            return s;
        }
        FinalAnswer answer = s.forks().isEmpty()
                ? BestResponse.NO_DEVICES
                : BestResponse.choose(s.forks().all().stream().map(Fork::finalStatus).toList());
        out.add(RespondToPbx.of(answer.status(), answer.reason()));
        out.add(new StopTimer(CallTimer.RING));
        return end(s, answer.cause(), answer.status(), out, now);
    }

    /** CANCEL, or BYE on the early dialog: RFC 3261 §9.2 answers the CANCEL 200 and the INVITE 487. */
    private static CallState callerGone(Ringing s, RequestRef request, List<CallEffect> out, Instant now) {
        out.add(new AnswerRequest(request, 200, "OK"));
        out.add(RespondToPbx.of(487, "Request Terminated"));
        Forks forks = ForkRules.cancelAll(s.forks(), out);
        out.add(new StopTimer(CallTimer.RING));
        out.add(new Publish(new CallCancelled(s.call().callId())));
        return end(with(s, forks), EndCause.CALLER_CANCELLED, 487, out, now);
    }

    private static CallState noAnswer(Ringing s, List<CallEffect> out, Instant now) {
        FinalAnswer answer = BestResponse.NO_ANSWER;
        out.add(RespondToPbx.of(answer.status(), answer.reason()));
        Forks forks = ForkRules.cancelAll(s.forks(), out);
        return end(with(s, forks), answer.cause(), answer.status(), out, now);
    }

    private static Ended end(Ringing s, EndCause cause, int status, List<CallEffect> out, Instant now) {
        CallEnded ended = s.call().endedUnanswered(cause, status, now);
        out.add(new Publish(ended));
        return new Ended(s.call(), s.forks(), Optional.empty(), ended);
    }

    static AnswerRequest noSuchDialog(RequestRef request) {
        return new AnswerRequest(request, 481, "Call/Transaction Does Not Exist");
    }

    private static Ringing with(Ringing s, Forks forks) {
        return new Ringing(s.call(), forks, s.located(), s.awaiting(), s.ringbackSent());
    }
}
