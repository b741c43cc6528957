package io.ringedge.edge.call;

import io.ringedge.events.Caller;
import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.AnswerPbx;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.ByePbx;
import io.ringedge.edge.call.CallEffect.CancelFork;
import io.ringedge.edge.call.CallEffect.InviteFork;
import io.ringedge.edge.call.CallEffect.InviteFork.Intent;
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
import io.ringedge.edge.call.CallState.Connected;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.edge.call.CallState.Offered;
import io.ringedge.edge.call.CallState.Ringing;
import io.ringedge.edge.call.Fork.Status;
import io.ringedge.events.CallAnswered;
import io.ringedge.events.CallCancelled;
import io.ringedge.events.InviteDelivered;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import io.ringedge.events.CallRinging;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.ringedge.edge.call.CallFixtures.A;
import static io.ringedge.edge.call.CallFixtures.B;
import static io.ringedge.edge.call.CallFixtures.C;
import static io.ringedge.edge.call.CallFixtures.CALL;
import static io.ringedge.edge.call.CallFixtures.CALLER;
import static io.ringedge.edge.call.CallFixtures.CALL_ID;
import static io.ringedge.edge.call.CallFixtures.LATE_OFFER_CALL;
import static io.ringedge.edge.call.CallFixtures.DEVICE_ANSWER;
import static io.ringedge.edge.call.CallFixtures.FA;
import static io.ringedge.edge.call.CallFixtures.FB;
import static io.ringedge.edge.call.CallFixtures.FC;
import static io.ringedge.edge.call.CallFixtures.PBX_OFFER;
import static io.ringedge.edge.call.CallFixtures.REQ;
import static io.ringedge.edge.call.CallFixtures.T0;
import static io.ringedge.edge.call.CallFixtures.Z;
import static io.ringedge.edge.call.CallFixtures.failed;
import static io.ringedge.edge.call.CallFixtures.fork;
import static io.ringedge.edge.call.CallFixtures.forks;
import static io.ringedge.edge.call.CallFixtures.located;
import static io.ringedge.edge.call.CallFixtures.locatedAsleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inbound call's transition table: every row is (state, input) → (next state, effects in
 * order). All rows run at {@link #NOW} = T0 + 5 s; answered states were answered at T0 + 2 s.
 */
class InboundCallTransitionTableTest {

    private static final Instant NOW = T0.plusSeconds(5);
    private static final Instant ANSWERED_AT = T0.plusSeconds(2);
    private static final InboundCallMachine MACHINE = new InboundCallMachine(CallConfig.DEFAULTS);

    record Row(String name, CallState state, CallInput input, CallState next, List<CallEffect> effects) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void transition(Row row) {
        Transition t = MACHINE.next(row.state(), row.input(), NOW);
        assertEquals(row.next(), t.state(), "next state");
        assertEquals(row.effects(), t.effects(), "effects");
    }

    static Stream<Row> table() {
        return Stream.of(offered(), ringing(), answered(), connected(), ended()).flatMap(s -> s);
    }

    private static Stream<Row> offered() {
        Offered s = new Offered(CALL);
        return Stream.of(
                row("Offered + located one device → fork it", s, new Located(located(A)),
                        ringing(true, Set.of(), false, fork(FA, A, Status.CALLING)), ring(FA, A)),
                row("Offered + located two devices → fork both at once", s, new Located(located(A, B)),
                        ringing(true, Set.of(), false, fork(FA, A, Status.CALLING), fork(FB, B, Status.CALLING)),
                        ring(FA, A), ring(FB, B)),
                row("Offered + located nothing → 480, NO_DEVICES", s, new Located(located()),
                        ended(forks(), Optional.empty(), unanswered(EndCause.NO_DEVICES, 480)),
                        pbx(480, "Temporarily Unavailable"), new StopTimer(CallTimer.RING),
                        publish(unanswered(EndCause.NO_DEVICES, 480))),
                row("Offered + located only asleep devices → hold the call for them, 180 waking", s,
                        new Located(locatedAsleep("dev-z")), ringing(true, Set.of("dev-z"), false),
                        new CallEffect.PrepareMedia("dev-z", Optional.of(PBX_OFFER)),
                        RespondToPbx.ringingWhile(RespondToPbx.Wake.WAKING)),
                row("Offered + DevicesLocated of another call → ignored", s,
                        new Located(new DevicesLocated("other", "tenant-1", "user-1", Caller.UNKNOWN, List.of(A), List.of())), s),
                row("Offered + device attaches before DevicesLocated → fork it", s, new DeviceAvailable(A),
                        ringing(false, Set.of(), false, fork(FA, A, Status.CALLING)), ring(FA, A),
                        publish(new InviteDelivered(CALL_ID, "dev-a"))),
                row("Offered + CANCEL → 200, 487, CallCancelled, CallEnded", s, new PbxCancel(REQ),
                        ended(forks(), Optional.empty(), unanswered(EndCause.CALLER_CANCELLED, 487)),
                        ok(), pbx(487, "Request Terminated"), new StopTimer(CallTimer.RING),
                        publish(new CallCancelled(CALL_ID)), publish(unanswered(EndCause.CALLER_CANCELLED, 487))),
                row("Offered + BYE on the early dialog → as CANCEL", s, new PbxBye(REQ),
                        ended(forks(), Optional.empty(), unanswered(EndCause.CALLER_CANCELLED, 487)),
                        ok(), pbx(487, "Request Terminated"), new StopTimer(CallTimer.RING),
                        publish(new CallCancelled(CALL_ID)), publish(unanswered(EndCause.CALLER_CANCELLED, 487))),
                row("Offered + ring timeout → 480, NO_ANSWER", s, new TimerFired(CallTimer.RING),
                        ended(forks(), Optional.empty(), unanswered(EndCause.NO_ANSWER, 480)),
                        pbx(480, "Temporarily Unavailable"), publish(unanswered(EndCause.NO_ANSWER, 480))),
                row("Offered + stray ACK timer → ignored", s, new TimerFired(CallTimer.ACK), s),
                row("Offered + ACK → ignored", s, new PbxAck(Optional.empty()), s),
                row("Offered + BYE from an unknown fork → 481", s, new DeviceBye(FA, REQ), s, noDialog()),
                row("Offered + response of an unknown fork → ignored", s, new ForkProvisional(FA, 180), s),
                row("Offered + 2xx of an unknown fork → ignored", s, new ForkAnswered(FA, Optional.empty()), s));
    }

    private static Stream<Row> ringing() {
        Ringing aCalling = ringing(true, Set.of(), false, fork(FA, A, Status.CALLING));
        Ringing aRinging = ringing(true, Set.of(), true, fork(FA, A, Status.PROCEEDING));
        Ringing aRingingBCalling = ringing(true, Set.of(), true, fork(FA, A, Status.PROCEEDING),
                fork(FB, B, Status.CALLING));
        Ringing bothRinging = ringing(true, Set.of(), true, fork(FA, A, Status.PROCEEDING),
                fork(FB, B, Status.PROCEEDING));
        Ringing aBusyBRinging = ringing(true, Set.of(), true, failed(FA, A, 486), fork(FB, B, Status.PROCEEDING));
        Ringing aRingingZAsleep = ringing(true, Set.of("dev-z"), true, fork(FA, A, Status.PROCEEDING));
        Ringing onlyZAsleep = ringing(true, Set.of("dev-z"), false);
        return Stream.of(
                row("Ringing + 100 → fork proceeding, no 180 yet", aCalling, new ForkProvisional(FA, 100),
                        ringing(true, Set.of(), false, fork(FA, A, Status.PROCEEDING))),
                row("Ringing + first 180 → 180 to PBX, CallRinging", aCalling, new ForkProvisional(FA, 180),
                        aRinging, pbx(180, "Ringing"), publish(new CallRinging(CALL_ID, "dev-a"))),
                row("Ringing + first 183 → a plain 180 to PBX", aCalling, new ForkProvisional(FA, 183),
                        aRinging, pbx(180, "Ringing"), publish(new CallRinging(CALL_ID, "dev-a"))),
                row("Ringing + 180 of a second fork → no second 180", aRingingBCalling, new ForkProvisional(FB, 180),
                        bothRinging),
                row("Ringing + 2xx → 200 with its SDP, the device ACKed at once, Answered", aRinging, answer(FA),
                        new Answered(CALL, forks(fork(FA, A, Status.WON)), FA, NOW, false),
                        new AnswerPbx(FA, Optional.of(DEVICE_ANSWER)), new AckFork(FA, Optional.empty()),
                        new StopTimer(CallTimer.RING), new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                        publish(new CallAnswered(CALL_ID, "dev-a"))),
                row("Ringing (late offer) + 2xx → 200 with the device's offer; its ACK waits for the PBX's",
                        new Ringing(LATE_OFFER_CALL, forks(fork(FA, A, Status.PROCEEDING)), true, Set.of(), true),
                        answer(FA), new Answered(LATE_OFFER_CALL, forks(fork(FA, A, Status.WON)), FA, NOW, false),
                        new AnswerPbx(FA, Optional.of(DEVICE_ANSWER)), new StopTimer(CallTimer.RING),
                        new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                        publish(new CallAnswered(CALL_ID, "dev-a"))),
                row("Ringing + 2xx of B → cancel A at once", bothRinging, answer(FB),
                        new Answered(CALL, forks(fork(FA, A, Status.CANCELLED), fork(FB, B, Status.WON)), FB, NOW,
                                false),
                        new AnswerPbx(FB, Optional.of(DEVICE_ANSWER)), new AckFork(FB, Optional.empty()),
                        new CancelFork(FA), new StopTimer(CallTimer.RING),
                        new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                        publish(new CallAnswered(CALL_ID, "dev-b"))),
                row("Ringing + 2xx of A → B without provisional: CANCEL deferred (§9.1)", aRingingBCalling,
                        answer(FA),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), fork(FB, B, Status.CANCEL_PENDING)), FA,
                                NOW, false),
                        new AnswerPbx(FA, Optional.of(DEVICE_ANSWER)), new AckFork(FA, Optional.empty()),
                        new StopTimer(CallTimer.RING), new StartTimer(CallTimer.ACK, Duration.ofSeconds(32)),
                        publish(new CallAnswered(CALL_ID, "dev-a"))),
                row("Ringing + only fork busy → 486, BUSY", aRinging, new ForkFailed(FA, 486),
                        ended(forks(failed(FA, A, 486)), Optional.empty(), unanswered(EndCause.BUSY, 486)),
                        pbx(486, "Busy Here"), new StopTimer(CallTimer.RING),
                        publish(unanswered(EndCause.BUSY, 486))),
                row("Ringing + one of two forks busy → keep ringing", bothRinging, new ForkFailed(FA, 486),
                        aBusyBRinging),
                row("Ringing + last fork declines after a busy one → 603 wins", aBusyBRinging,
                        new ForkFailed(FB, 603),
                        ended(forks(failed(FA, A, 486), failed(FB, B, 603)), Optional.empty(),
                                unanswered(EndCause.DECLINED, 603)),
                        pbx(603, "Decline"), new StopTimer(CallTimer.RING),
                        publish(unanswered(EndCause.DECLINED, 603))),
                row("Ringing + only fork fails while an asleep device may wake → keep waiting", aRingingZAsleep,
                        new ForkFailed(FA, 486), ringing(true, Set.of("dev-z"), true, failed(FA, A, 486))),
                row("Ringing + awaited device attaches → fork it, 180 device-attached", onlyZAsleep, new DeviceAvailable(Z),
                        ringing(true, Set.of(), false, fork(FA, Z, Status.CALLING)), ring(FA, Z),
                        publish(new InviteDelivered(CALL_ID, "dev-z")),
                        RespondToPbx.ringingWhile(RespondToPbx.Wake.DEVICE_ATTACHED)),
                row("Ringing + a device with a fork attaches again → no second INVITE", aRinging,
                        new DeviceAvailable(A), aRinging),
                row("Ringing + DevicesLocated redelivered → no second INVITE", aRinging, new Located(located(A)),
                        aRinging),
                row("Ringing + DevicesLocated after an early attach → fork only the new device",
                        ringing(false, Set.of(), false, fork(FA, A, Status.CALLING)), new Located(located(A, B)),
                        ringing(true, Set.of(), false, fork(FA, A, Status.CALLING), fork(FB, B, Status.CALLING)),
                        ring(FB, B)),
                row("Ringing + CANCEL → 200, 487, CANCEL forks, CallCancelled, CallEnded", aRinging,
                        new PbxCancel(REQ),
                        ended(forks(fork(FA, A, Status.CANCELLED)), Optional.empty(),
                                unanswered(EndCause.CALLER_CANCELLED, 487)),
                        ok(), pbx(487, "Request Terminated"), new CancelFork(FA), new StopTimer(CallTimer.RING),
                        publish(new CallCancelled(CALL_ID)), publish(unanswered(EndCause.CALLER_CANCELLED, 487))),
                row("Ringing + CANCEL before the fork's provisional → its CANCEL waits", aCalling,
                        new PbxCancel(REQ),
                        ended(forks(fork(FA, A, Status.CANCEL_PENDING)), Optional.empty(),
                                unanswered(EndCause.CALLER_CANCELLED, 487)),
                        ok(), pbx(487, "Request Terminated"), new StopTimer(CallTimer.RING),
                        publish(new CallCancelled(CALL_ID)), publish(unanswered(EndCause.CALLER_CANCELLED, 487))),
                row("Ringing + ring timeout → 480, CANCEL forks, NO_ANSWER", aRingingBCalling,
                        new TimerFired(CallTimer.RING),
                        ended(forks(fork(FA, A, Status.CANCELLED), fork(FB, B, Status.CANCEL_PENDING)),
                                Optional.empty(), unanswered(EndCause.NO_ANSWER, 480)),
                        pbx(480, "Temporarily Unavailable"), new CancelFork(FA),
                        publish(unanswered(EndCause.NO_ANSWER, 480))),
                row("Ringing + BYE from a device on an early dialog → 481", aRinging, new DeviceBye(FA, REQ),
                        aRinging, noDialog()),
                row("Ringing + the only device's connection closes → fails as 503, PBX gets 480", aRinging,
                        new DeviceLost(FA),
                        ended(forks(failed(FA, A, 503)), Optional.empty(), unanswered(EndCause.FAILED, 480)),
                        pbx(480, "Temporarily Unavailable"), new StopTimer(CallTimer.RING),
                        publish(unanswered(EndCause.FAILED, 480))),
                row("Ringing + one of two devices' connection closes → keep ringing", bothRinging,
                        new DeviceLost(FB), ringing(true, Set.of(), true, fork(FA, A, Status.PROCEEDING),
                                failed(FB, B, 503))),
                row("Ringing + 2xx of an unknown fork → ignored", aRinging, answer(FC), aRinging),
                row("Ringing + failure of an unknown fork → ignored", aRinging, new ForkFailed(FC, 486), aRinging),
                row("Ringing + ACK → ignored", aRinging, new PbxAck(Optional.empty()), aRinging),
                row("Ringing + no worker can carry the offer (488) → 488 + Warning 305, MEDIA_REJECTED", aCalling,
                        new ForkMediaRefused(FA, 488, "no common codec"),
                        ended(forks(failed(FA, A, 488)), Optional.empty(), unanswered(EndCause.MEDIA_REJECTED, 488)),
                        new RefusePbx(488, "Not Acceptable Here", 305, "no common codec"),
                        new StopTimer(CallTimer.RING), publish(unanswered(EndCause.MEDIA_REJECTED, 488))),
                row("Ringing + no worker for one fork (503) → 503 + Warning 399, the other's CANCEL waits, NO_MEDIA_WORKER",
                        ringing(true, Set.of(), false, fork(FA, A, Status.CALLING), fork(FB, B, Status.CALLING)),
                        new ForkMediaRefused(FA, 503, "no media worker available"),
                        ended(forks(failed(FA, A, 503), fork(FB, B, Status.CANCEL_PENDING)), Optional.empty(),
                                unanswered(EndCause.NO_MEDIA_WORKER, 503)),
                        new RefusePbx(503, "Service Unavailable", 399, "no media worker available"),
                        new StopTimer(CallTimer.RING), publish(unanswered(EndCause.NO_MEDIA_WORKER, 503))),
                row("Ringing + media refusal of an unknown fork → ignored", aRinging,
                        new ForkMediaRefused(FC, 488, "x"), aRinging),
                row("Ringing + worker refuses one of two devices' answers → ACK and BYE it, keep ringing",
                        bothRinging, new ForkAnswerRefused(FA, "fingerprint missing"),
                        ringing(true, Set.of(), true, failed(FA, A, 488), fork(FB, B, Status.PROCEEDING)),
                        new AckFork(FA, Optional.empty()), new ByeFork(FA)),
                row("Ringing + worker refuses the only device's answer → ACK and BYE it, 488 to the PBX", aRinging,
                        new ForkAnswerRefused(FA, "fingerprint missing"),
                        ended(forks(failed(FA, A, 488)), Optional.empty(), unanswered(EndCause.FAILED, 488)),
                        new AckFork(FA, Optional.empty()), new ByeFork(FA), pbx(488, "Not Acceptable Here"),
                        new StopTimer(CallTimer.RING), publish(unanswered(EndCause.FAILED, 488))),
                row("Ringing + media of the ringing call lost → 503 + Warning, CANCEL forks, MEDIA_WORKER_LOST",
                        aRinging, new MediaFailed(EndCause.MEDIA_WORKER_LOST, "worker-a left the registry"),
                        ended(forks(fork(FA, A, Status.CANCELLED)), Optional.empty(),
                                unanswered(EndCause.MEDIA_WORKER_LOST, 503)),
                        new RefusePbx(503, "Service Unavailable", 399, "worker-a left the registry"),
                        new CancelFork(FA), new StopTimer(CallTimer.RING),
                        publish(unanswered(EndCause.MEDIA_WORKER_LOST, 503))));
    }

    private static Stream<Row> answered() {
        Forks aWonBCancelled = forks(fork(FA, A, Status.WON), fork(FB, B, Status.CANCELLED));
        Answered s = new Answered(CALL, aWonBCancelled, FA, ANSWERED_AT, false);
        Answered bPending = new Answered(CALL, forks(fork(FA, A, Status.WON), fork(FB, B, Status.CANCEL_PENDING)),
                FA, ANSWERED_AT, false);
        Answered hungUp = new Answered(CALL, aWonBCancelled, FA, ANSWERED_AT, true);
        // after a late-offer INVITE the winner's ACK carries the PBX's answer, so it waits for the PBX's ACK
        Answered late = new Answered(LATE_OFFER_CALL, aWonBCancelled, FA, ANSWERED_AT, false);
        return Stream.of(
                row("Answered + ACK → Connected; the winner was ACKed at its 2xx", s, new PbxAck(Optional.empty()),
                        new Connected(CALL, aWonBCancelled, FA, ANSWERED_AT), new StopTimer(CallTimer.ACK)),
                row("Answered (late offer) + ACK with SDP → the winner's ACK carries it", late,
                        new PbxAck(Optional.of(PBX_OFFER)),
                        new Connected(LATE_OFFER_CALL, aWonBCancelled, FA, ANSWERED_AT),
                        new StopTimer(CallTimer.ACK), new AckFork(FA, Optional.of(PBX_OFFER))),
                row("Answered + BYE before ACK → BYE the winner, CALLER_HANGUP", s, new PbxBye(REQ),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.CALLER_HANGUP)),
                        new StopTimer(CallTimer.ACK), new ByeFork(FA), ok(),
                        publish(answeredEnd(EndCause.CALLER_HANGUP))),
                row("Answered (late offer) + BYE before ACK → ACK and BYE the winner, CALLER_HANGUP", late,
                        new PbxBye(REQ), lateEnded(aWonBCancelled, answeredEnd(EndCause.CALLER_HANGUP)),
                        new StopTimer(CallTimer.ACK), new AckFork(FA, Optional.empty()), new ByeFork(FA), ok(),
                        publish(answeredEnd(EndCause.CALLER_HANGUP))),
                row("Answered + device BYE → 200, our BYE waits for the ACK (§15)", s, new DeviceBye(FA, REQ),
                        hungUp, ok()),
                row("Answered (callee hung up) + ACK → BYE the PBX, CALLEE_HANGUP", hungUp,
                        new PbxAck(Optional.empty()),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.CALLEE_HANGUP)),
                        new StopTimer(CallTimer.ACK), new ByePbx(), publish(answeredEnd(EndCause.CALLEE_HANGUP))),
                row("Answered + no ACK in time → BYE both legs, FAILED", s, new TimerFired(CallTimer.ACK),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.FAILED)),
                        new ByeFork(FA), new ByePbx(), publish(answeredEnd(EndCause.FAILED))),
                row("Answered (late offer) + no ACK in time → ACK and BYE the winner, BYE the PBX, FAILED", late,
                        new TimerFired(CallTimer.ACK), lateEnded(aWonBCancelled, answeredEnd(EndCause.FAILED)),
                        new AckFork(FA, Optional.empty()), new ByeFork(FA), new ByePbx(),
                        publish(answeredEnd(EndCause.FAILED))),
                row("Answered + CANCEL after the 200 → 200, no effect (§9.2)", s, new PbxCancel(REQ), s, ok()),
                row("Answered + stale ring timer → ignored", s, new TimerFired(CallTimer.RING), s),
                row("Answered + cancel-pending fork sends 180 → CANCEL it now", bPending,
                        new ForkProvisional(FB, 180), s, new CancelFork(FB)),
                row("Answered + cancelled fork answers 2xx anyway → ACK and BYE it", s, answer(FB),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), fork(FB, B, Status.RELEASED)), FA,
                                ANSWERED_AT, false),
                        new AckFork(FB, Optional.empty()), new ByeFork(FB)),
                row("Answered + cancelled fork's 487 → fork done", s, new ForkFailed(FB, 487),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), failed(FB, B, 487)), FA, ANSWERED_AT,
                                false)),
                row("Answered + winner's 2xx retransmitted → ignored", s, answer(FA), s),
                row("Answered + device attaches late → INVITE then CANCEL", s, new DeviceAvailable(C),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), fork(FB, B, Status.CANCELLED),
                                fork(FC, C, Status.CANCEL_PENDING)), FA, ANSWERED_AT, false),
                        withdraw(FC, C)),
                row("Answered + BYE from a losing fork → 481", s, new DeviceBye(FB, REQ), s, noDialog()),
                row("Answered + winner's connection closes → as its BYE, waiting for the ACK", s,
                        new DeviceLost(FA), hungUp),
                row("Answered (device gone) + BYE → 200, nothing to the gone device", hungUp, new PbxBye(REQ),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.CALLEE_HANGUP)),
                        new StopTimer(CallTimer.ACK), ok(), publish(answeredEnd(EndCause.CALLEE_HANGUP))),
                row("Answered + cancelled fork's connection closes → fork failed", s, new DeviceLost(FB),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), failed(FB, B, 503)), FA, ANSWERED_AT,
                                false)),
                row("Answered + DevicesLocated late → ignored", s, new Located(located(C)), s),
                row("Answered + media timeout → BYE the winner and the PBX, MEDIA_TIMEOUT", s,
                        new MediaFailed(EndCause.MEDIA_TIMEOUT, "media-timeout: no RTP"),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.MEDIA_TIMEOUT)),
                        new StopTimer(CallTimer.ACK), new ByeFork(FA), new ByePbx(),
                        publish(answeredEnd(EndCause.MEDIA_TIMEOUT))),
                row("Answered (late offer) + media timeout → ACK and BYE the winner, BYE the PBX", late,
                        new MediaFailed(EndCause.MEDIA_TIMEOUT, "media-timeout: no RTP"),
                        lateEnded(aWonBCancelled, answeredEnd(EndCause.MEDIA_TIMEOUT)),
                        new StopTimer(CallTimer.ACK), new AckFork(FA, Optional.empty()), new ByeFork(FA),
                        new ByePbx(), publish(answeredEnd(EndCause.MEDIA_TIMEOUT))),
                row("Answered (callee hung up) + media lost → BYE the PBX only", hungUp,
                        new MediaFailed(EndCause.MEDIA_WORKER_LOST, "gone"),
                        ended(aWonBCancelled, Optional.of(FA), answeredEnd(EndCause.MEDIA_WORKER_LOST)),
                        new StopTimer(CallTimer.ACK), new ByePbx(), publish(answeredEnd(EndCause.MEDIA_WORKER_LOST))),
                row("Answered + a cancelled fork's 2xx refused by its media → ACK and BYE it", s,
                        new ForkAnswerRefused(FB, "no media session"),
                        new Answered(CALL, forks(fork(FA, A, Status.WON), fork(FB, B, Status.RELEASED)), FA,
                                ANSWERED_AT, false),
                        new AckFork(FB, Optional.empty()), new ByeFork(FB)));
    }

    private static Stream<Row> connected() {
        Forks aWonBFailed = forks(fork(FA, A, Status.WON), failed(FB, B, 487));
        Connected s = new Connected(CALL, aWonBFailed, FA, ANSWERED_AT);
        return Stream.of(
                row("Connected + PBX BYE → BYE the device, 200, CALLER_HANGUP", s, new PbxBye(REQ),
                        ended(aWonBFailed, Optional.of(FA), answeredEnd(EndCause.CALLER_HANGUP)),
                        new ByeFork(FA), ok(), publish(answeredEnd(EndCause.CALLER_HANGUP))),
                row("Connected + device BYE → BYE the PBX, 200, CALLEE_HANGUP", s, new DeviceBye(FA, REQ),
                        ended(aWonBFailed, Optional.of(FA), answeredEnd(EndCause.CALLEE_HANGUP)),
                        new ByePbx(), ok(), publish(answeredEnd(EndCause.CALLEE_HANGUP))),
                row("Connected + BYE from a losing fork → 481", s, new DeviceBye(FB, REQ), s, noDialog()),
                row("Connected + device's connection closes → BYE the PBX, CALLEE_HANGUP", s, new DeviceLost(FA),
                        ended(aWonBFailed, Optional.of(FA), answeredEnd(EndCause.CALLEE_HANGUP)),
                        new ByePbx(), publish(answeredEnd(EndCause.CALLEE_HANGUP))),
                row("Connected + a finished fork's connection closes → nothing", s, new DeviceLost(FB), s),
                row("Connected + retransmitted ACK → ignored", s, new PbxAck(Optional.empty()), s),
                row("Connected + CANCEL → 200, no effect", s, new PbxCancel(REQ), s, ok()),
                row("Connected + stale timer → ignored", s, new TimerFired(CallTimer.RING), s),
                row("Connected + device attaches late → INVITE then CANCEL", s, new DeviceAvailable(C),
                        new Connected(CALL, forks(fork(FA, A, Status.WON), failed(FB, B, 487),
                                fork(FC, C, Status.CANCEL_PENDING)), FA, ANSWERED_AT),
                        withdraw(FC, C)),
                row("Connected + consent lost → BYE both legs, CONSENT_LOST", s,
                        new MediaFailed(EndCause.CONSENT_LOST, "consent-lost: no response"),
                        ended(aWonBFailed, Optional.of(FA), answeredEnd(EndCause.CONSENT_LOST)),
                        new ByeFork(FA), new ByePbx(), publish(answeredEnd(EndCause.CONSENT_LOST))),
                row("Connected + worker lost → BYE both legs, MEDIA_WORKER_LOST", s,
                        new MediaFailed(EndCause.MEDIA_WORKER_LOST, "gone"),
                        ended(aWonBFailed, Optional.of(FA), answeredEnd(EndCause.MEDIA_WORKER_LOST)),
                        new ByeFork(FA), new ByePbx(), publish(answeredEnd(EndCause.MEDIA_WORKER_LOST))));
    }

    private static Stream<Row> ended() {
        CallEnded hangup = answeredEnd(EndCause.CALLER_HANGUP);
        Ended talked = ended(forks(fork(FA, A, Status.WON), failed(FB, B, 487)), Optional.of(FA), hangup);
        CallEnded cancelled = unanswered(EndCause.CALLER_CANCELLED, 487);
        Ended aPending = ended(forks(fork(FA, A, Status.CANCEL_PENDING)), Optional.empty(), cancelled);
        Ended aCancelled = ended(forks(fork(FA, A, Status.CANCELLED)), Optional.empty(), cancelled);
        return Stream.of(
                row("Ended (answered) + PBX BYE crossing ours → 200", talked, new PbxBye(REQ), talked, ok()),
                row("Ended (unanswered) + PBX BYE → 481", aCancelled, new PbxBye(REQ), aCancelled, noDialog()),
                row("Ended + BYE from the connected device crossing ours → 200", talked, new DeviceBye(FA, REQ),
                        talked, ok()),
                row("Ended + BYE from another fork → 481", talked, new DeviceBye(FB, REQ), talked, noDialog()),
                row("Ended + CANCEL → 200, no effect", talked, new PbxCancel(REQ), talked, ok()),
                row("Ended + provisional of a cancel-pending fork → CANCEL now (§9.1)", aPending,
                        new ForkProvisional(FA, 100), aCancelled, new CancelFork(FA)),
                row("Ended + cancelled fork answers 2xx → ACK and BYE it", aCancelled, answer(FA),
                        ended(forks(fork(FA, A, Status.RELEASED)), Optional.empty(), cancelled),
                        new AckFork(FA, Optional.empty()), new ByeFork(FA)),
                row("Ended + cancelled fork's 487 → settled", aCancelled, new ForkFailed(FA, 487),
                        ended(forks(failed(FA, A, 487)), Optional.empty(), cancelled)),
                row("Ended + device attaches late → INVITE then CANCEL", aCancelled, new DeviceAvailable(B),
                        ended(forks(fork(FA, A, Status.CANCELLED), fork(FB, B, Status.CANCEL_PENDING)),
                                Optional.empty(), cancelled),
                        withdraw(FB, B)),
                row("Ended + a device already forked attaches → nothing", aCancelled, new DeviceAvailable(A),
                        aCancelled),
                row("Ended + DevicesLocated late → ignored", aCancelled, new Located(located(B)), aCancelled),
                row("Ended + ACK → ignored", talked, new PbxAck(Optional.empty()), talked),
                row("Ended + cancelled fork's connection closes → settled", aCancelled, new DeviceLost(FA),
                        ended(forks(failed(FA, A, 503)), Optional.empty(), cancelled)),
                row("Ended + stale timer → ignored", talked, new TimerFired(CallTimer.ACK), talked),
                row("Ended + its media failing afterwards → ignored", talked,
                        new MediaFailed(EndCause.MEDIA_FAILED, "dtls-closed"), talked),
                row("Ended + a cancelled fork's 2xx refused by its media → ACK and BYE it", aCancelled,
                        new ForkAnswerRefused(FA, "no media session"),
                        ended(forks(fork(FA, A, Status.RELEASED)), Optional.empty(), cancelled),
                        new AckFork(FA, Optional.empty()), new ByeFork(FA)));
    }

    private static Row row(String name, CallState state, CallInput input, CallState next, CallEffect... effects) {
        return new Row(name, state, input, next, List.of(effects));
    }

    private static Ringing ringing(boolean located, Set<String> awaiting, boolean ringbackSent, Fork... forks) {
        return new Ringing(CALL, forks(forks), located, awaiting, ringbackSent);
    }

    private static Ended ended(Forks forks, Optional<ForkId> winner, CallEnded outcome) {
        return new Ended(CALL, forks, winner, outcome);
    }

    /** A late-offer call ended after its fork FA won. */
    private static Ended lateEnded(Forks forks, CallEnded outcome) {
        return new Ended(LATE_OFFER_CALL, forks, Optional.of(FA), outcome);
    }

    private static CallEnded unanswered(EndCause cause, int status) {
        return new CallEnded(CALL_ID, cause, status, 5000, 0);
    }

    private static CallEnded answeredEnd(EndCause cause) {
        return new CallEnded(CALL_ID, cause, 200, 2000, 3000);
    }

    private static CallInput answer(ForkId fork) {
        return new ForkAnswered(fork, Optional.of(DEVICE_ANSWER));
    }

    private static InviteFork ring(ForkId fork, AttachedDevice device) {
        return new InviteFork(fork, device, CALLER, Optional.of(PBX_OFFER), Intent.RING);
    }

    private static InviteFork withdraw(ForkId fork, AttachedDevice device) {
        return new InviteFork(fork, device, CALLER, Optional.of(PBX_OFFER), Intent.WITHDRAW);
    }

    private static RespondToPbx pbx(int status, String reason) {
        return RespondToPbx.of(status, reason);
    }

    private static AnswerRequest ok() {
        return new AnswerRequest(REQ, 200, "OK");
    }

    private static AnswerRequest noDialog() {
        return new AnswerRequest(REQ, 481, "Call/Transaction Does Not Exist");
    }

    private static Publish publish(io.ringedge.events.CallEvent event) {
        return new Publish(event);
    }
}
