package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.ByePbx;
import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.StopTimer;
import io.ringedge.edge.call.CallInput.DeviceBye;
import io.ringedge.edge.call.CallInput.DeviceLost;
import io.ringedge.edge.call.CallInput.ForkInput;
import io.ringedge.edge.call.CallInput.Located;
import io.ringedge.edge.call.CallInput.MediaFailed;
import io.ringedge.edge.call.CallInput.MidCallInput;
import io.ringedge.edge.call.CallInput.PbxAck;
import io.ringedge.edge.call.CallInput.PbxBye;
import io.ringedge.edge.call.CallInput.PbxCancel;
import io.ringedge.edge.call.CallInput.TimerFired;
import io.ringedge.edge.call.CallState.Answered;
import io.ringedge.edge.call.CallState.Connected;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transitions once the call is decided: {@link Answered}, {@link Connected} and {@link Ended}.
 * Fork inputs and late devices follow {@link ForkRules#afterDecision} in all three.
 */
final class AfterAnswer {

    private static final String OK = "OK";

    /**
     * Whether the winning device's 2xx is ACKed as soon as it wins. The device's INVITE carried an
     * offer whenever the PBX's did, so its 2xx holds the answer and its ACK no body (RFC 3264 §2):
     * the ACK need not wait for the PBX's (a B2BUA's two dialogs are independent). Waiting for it
     * kept the device retransmitting its 2xx (RFC 3261 §13.3.1.4) whenever the PBX's ACK took
     * longer than T1. After a late-offer INVITE the device's 2xx holds the offer, and the answer
     * comes in the PBX's ACK: that ACK is relayed then.
     */
    static boolean deviceAckedAtAnswer(CallContext call) {
        return call.pbxOffer().isPresent();
    }

    /** The winner's ACK when it was held for the PBX's ({@link #deviceAckedAtAnswer}); nothing otherwise. */
    private static void ackWinnerIfHeld(Answered s, Optional<Sdp> pbxAckSdp, List<CallEffect> out) {
        if (!deviceAckedAtAnswer(s.call())) {
            out.add(new AckFork(s.winner(), pbxAckSdp));
        }
    }

    Transition answered(Answered s, CallInput input, Instant now) {
        List<CallEffect> out = new ArrayList<>();
        CallState next = switch (input) {
            case PbxAck a -> {
                out.add(new StopTimer(CallTimer.ACK));
                if (s.calleeHungUp()) {
                    // §15: our BYE to the PBX had to wait for its ACK; it may go now
                    out.add(new ByePbx());
                    yield end(s.call(), s.forks(), s.winner(), EndCause.CALLEE_HANGUP, s.answeredAt(), out, now);
                }
                // a late offer's answer in the PBX's ACK reaches the device
                ackWinnerIfHeld(s, a.sdp(), out);
                yield new Connected(s.call(), s.forks(), s.winner(), s.answeredAt());
            }
            case PbxBye b -> {
                out.add(new StopTimer(CallTimer.ACK));
                EndCause cause = EndCause.CALLEE_HANGUP;
                if (!s.calleeHungUp()) {
                    // the BYE overtook the ACK; the device's 2xx still needs its ACK (§13.2.2.4)
                    ackWinnerIfHeld(s, Optional.empty(), out);
                    out.add(new ByeFork(s.winner()));
                    cause = EndCause.CALLER_HANGUP;
                }
                out.add(new AnswerRequest(b.request(), 200, OK));
                yield end(s.call(), s.forks(), s.winner(), cause, s.answeredAt(), out, now);
            }
            case DeviceBye b when b.fork().equals(s.winner()) -> {
                out.add(new AnswerRequest(b.request(), 200, OK));
                yield new Answered(s.call(), s.forks(), s.winner(), s.answeredAt(), true);
            }
            // as its BYE: the PBX's dialog ends once its ACK arrives (§15)
            case DeviceLost l when l.fork().equals(s.winner()) ->
                    new Answered(s.call(), s.forks(), s.winner(), s.answeredAt(), true);
            case DeviceLost l -> new Answered(s.call(), ForkRules.failed(s.forks(), l.fork(), 503), s.winner(),
                    s.answeredAt(), s.calleeHungUp());
            case DeviceBye b -> {
                out.add(BeforeAnswer.noSuchDialog(b.request()));
                yield s;
            }
            // RFC 3261 §9.2: the INVITE has its final response, so the CANCEL is answered and changes nothing
            case PbxCancel c -> {
                out.add(new AnswerRequest(c.request(), 200, OK));
                yield s;
            }
            // §13.3.1.4: no ACK within 64*T1, so the PBX dialog ends with BYE, and the device leg too
            case TimerFired t when t.timer() == CallTimer.ACK -> {
                if (!s.calleeHungUp()) {
                    ackWinnerIfHeld(s, Optional.empty(), out);
                    out.add(new ByeFork(s.winner()));
                }
                out.add(new ByePbx());
                yield end(s.call(), s.forks(), s.winner(), EndCause.FAILED, s.answeredAt(), out, now);
            }
            // as the ACK timeout: the device's 2xx is ACKed and both dialogs end with BYE
            case MediaFailed m -> {
                out.add(new StopTimer(CallTimer.ACK));
                if (!s.calleeHungUp()) {
                    ackWinnerIfHeld(s, Optional.empty(), out);
                    out.add(new ByeFork(s.winner()));
                }
                out.add(new ByePbx());
                yield end(s.call(), s.forks(), s.winner(), m.cause(), s.answeredAt(), out, now);
            }
            case TimerFired t -> s;
            case Located l -> s;
            case MidCallInput m -> {
                MidCallRules.notConnected(m, false, out);
                yield s;
            }
            case ForkInput f -> new Answered(s.call(), ForkRules.afterDecision(s.forks(), s.call(), f, out),
                    s.winner(), s.answeredAt(), s.calleeHungUp());
        };
        return new Transition(next, out);
    }

    Transition connected(Connected s, CallInput input, Instant now) {
        List<CallEffect> out = new ArrayList<>();
        if (ends(s, input)) {
            MidCallRules.terminate(s, out);
        }
        CallState next = switch (input) {
            // RFC 5057 §5.1: the other side's dialog is gone, so is the call
            case MidCallInput m when MidCallRules.endsCall(s, m) -> {
                out.add(new ByeFork(s.winner()));
                out.add(new ByePbx());
                yield end(s.call(), s.forks(), s.winner(), EndCause.FAILED, s.answeredAt(), out, now);
            }
            case MidCallInput m -> MidCallRules.connected(s, m, out);
            case PbxBye b -> {
                out.add(new ByeFork(s.winner()));
                out.add(new AnswerRequest(b.request(), 200, OK));
                yield end(s.call(), s.forks(), s.winner(), EndCause.CALLER_HANGUP, s.answeredAt(), out, now);
            }
            case DeviceBye b when b.fork().equals(s.winner()) -> {
                out.add(new ByePbx());
                out.add(new AnswerRequest(b.request(), 200, OK));
                yield end(s.call(), s.forks(), s.winner(), EndCause.CALLEE_HANGUP, s.answeredAt(), out, now);
            }
            case DeviceLost l when l.fork().equals(s.winner()) -> {
                out.add(new ByePbx());
                yield end(s.call(), s.forks(), s.winner(), EndCause.CALLEE_HANGUP, s.answeredAt(), out, now);
            }
            case DeviceLost l -> s.with(ForkRules.failed(s.forks(), l.fork(), 503));
            case DeviceBye b -> {
                out.add(BeforeAnswer.noSuchDialog(b.request()));
                yield s;
            }
            // RFC 3261 §9.2: the INVITE has its final response, so the CANCEL is answered and changes nothing
            case PbxCancel c -> {
                out.add(new AnswerRequest(c.request(), 200, OK));
                yield s;
            }
            // a retransmitted ACK, or a timer that fired as it was being stopped
            case MediaFailed m -> {
                out.add(new ByeFork(s.winner()));
                out.add(new ByePbx());
                yield end(s.call(), s.forks(), s.winner(), m.cause(), s.answeredAt(), out, now);
            }
            case PbxAck a -> s;
            case TimerFired t -> s;
            case Located l -> s;
            case ForkInput f -> s.with(ForkRules.afterDecision(s.forks(), s.call(), f, out));
        };
        return new Transition(next, out);
    }

    /**
     * The call is over, but its legs may still hear from the other side: a BYE that crossed ours
     * on a dialog that existed is answered 200, one on a dialog that never was gets 481
     * (RFC 3261 §15.1.2).
     */
    Transition ended(Ended s, CallInput input) {
        List<CallEffect> out = new ArrayList<>();
        CallState next = switch (input) {
            case PbxBye b -> {
                out.add(s.winner().isPresent() ? new AnswerRequest(b.request(), 200, OK)
                        : BeforeAnswer.noSuchDialog(b.request()));
                yield s;
            }
            case DeviceBye b -> {
                out.add(s.winner().filter(b.fork()::equals).isPresent() ? new AnswerRequest(b.request(), 200, OK)
                        : BeforeAnswer.noSuchDialog(b.request()));
                yield s;
            }
            // RFC 3261 §9.2: the INVITE has its final response, so the CANCEL is answered and changes nothing
            case PbxCancel c -> {
                out.add(new AnswerRequest(c.request(), 200, OK));
                yield s;
            }
            case PbxAck a -> s;
            case TimerFired t -> s;
            // the call ended first; its media going away afterwards changes nothing
            case MediaFailed m -> s;
            case DeviceLost l -> new Ended(s.call(), ForkRules.failed(s.forks(), l.fork(), 503), s.winner(),
                    s.outcome());
            // the call is over: devices located only now are not disturbed
            case Located l -> s;
            case MidCallInput m -> {
                MidCallRules.notConnected(m, true, out);
                yield s;
            }
            case ForkInput f -> new Ended(s.call(), ForkRules.afterDecision(s.forks(), s.call(), f, out), s.winner(),
                    s.outcome());
        };
        return new Transition(next, out);
    }

    /** Whether {@code input} ends a connected call (a request still pending is then answered 487). */
    private static boolean ends(Connected s, CallInput input) {
        return switch (input) {
            case PbxBye b -> true;
            case DeviceBye b -> b.fork().equals(s.winner());
            case DeviceLost l -> l.fork().equals(s.winner());
            case MediaFailed m -> true;
            case MidCallInput m -> MidCallRules.endsCall(s, m);
            default -> false;
        };
    }

    private static Ended end(CallContext call, Forks forks, ForkId winner, EndCause cause, Instant answeredAt,
                             List<CallEffect> out, Instant now) {
        CallEnded ended = call.endedAnswered(cause, answeredAt, now);
        out.add(new Publish(ended));
        return new Ended(call, forks, Optional.of(winner), ended);
    }
}
