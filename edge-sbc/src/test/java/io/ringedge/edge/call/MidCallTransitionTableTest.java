package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AbandonRenegotiation;
import io.ringedge.edge.call.CallEffect.AckMidCall;
import io.ringedge.edge.call.CallEffect.AnswerMidCall;
import io.ringedge.edge.call.CallEffect.AnswerRequest;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.ByePbx;
import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RelayMidCall;
import io.ringedge.edge.call.CallEffect.RenegotiateMedia;
import io.ringedge.edge.call.CallInput.MidCallAnswered;
import io.ringedge.edge.call.CallInput.MidCallMedia;
import io.ringedge.edge.call.CallInput.MidCallRequest;
import io.ringedge.edge.call.CallInput.PbxBye;
import io.ringedge.edge.call.CallState.Answered;
import io.ringedge.edge.call.CallState.Connected;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.edge.call.Fork.Status;
import io.ringedge.edge.call.MediaAnchor.Renegotiated;
import io.ringedge.edge.call.MidCall.Stage;
import io.ringedge.events.CallEnded;
import io.ringedge.events.CallEnded.EndCause;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.ringedge.edge.call.CallFixtures.A;
import static io.ringedge.edge.call.CallFixtures.B;
import static io.ringedge.edge.call.CallFixtures.CALL;
import static io.ringedge.edge.call.CallFixtures.CALL_ID;
import static io.ringedge.edge.call.CallFixtures.FA;
import static io.ringedge.edge.call.CallFixtures.FB;
import static io.ringedge.edge.call.CallFixtures.T0;
import static io.ringedge.edge.call.CallFixtures.failed;
import static io.ringedge.edge.call.CallFixtures.fork;
import static io.ringedge.edge.call.CallFixtures.forks;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Mid-call requests as a table (see {@link MidCallRules}): (state, input) → (next state, effects
 * in order). The device is fork A, which won; B failed.
 */
class MidCallTransitionTableTest {

    private static final Instant NOW = T0.plusSeconds(5);
    private static final Instant ANSWERED_AT = T0.plusSeconds(2);
    private static final InboundCallMachine MACHINE = new InboundCallMachine(CallConfig.DEFAULTS);
    private static final Forks FORKS = forks(fork(FA, A, Status.WON), failed(FB, B, 487));
    private static final Connected UP = new Connected(CALL, FORKS, FA, ANSWERED_AT);
    private static final RequestRef R1 = new RequestRef("mid-1");
    private static final RequestRef R2 = new RequestRef("mid-2");
    private static final Party PBX = Party.pbx();
    private static final Party DEVICE = Party.device(FA);
    private static final Sdp OFFER = new Sdp("v=0\r\no=x 1 2 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
    private static final Sdp OTHER = new Sdp("v=0\r\no=y 1 2 IN IP4 192.0.2.2\r\ns=-\r\nt=0 0\r\n");
    private static final MessageBody DTMF = new MessageBody("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");

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
        Connected deviceOffering = pending(DEVICE, R1, "INVITE", Stage.MEDIA_OFFER);
        Connected pbxOfferRelayed = pending(PBX, R1, "INVITE", Stage.OFFER_RELAYED);
        Connected updateRelayed = pending(PBX, R1, "UPDATE", Stage.OFFER_RELAYED);
        Connected answering = pending(PBX, R1, "INVITE", Stage.MEDIA_ANSWER);
        Connected infoRelayed = pending(DEVICE, R1, "INFO", Stage.RELAYED);
        CallEnded failed = new CallEnded(CALL_ID, EndCause.FAILED, 200, 2000, 3000);
        CallEnded hangup = new CallEnded(CALL_ID, EndCause.CALLER_HANGUP, 200, 2000, 3000);
        Ended over = new Ended(CALL, FORKS, Optional.of(FA), hangup);
        return Stream.of(
                row("re-INVITE with SDP from the device → the anchor reads the offer", UP,
                        request(DEVICE, R1, "INVITE", sdp(OFFER)), deviceOffering,
                        new RenegotiateMedia(DEVICE, R1, OFFER, false)),
                row("UPDATE with SDP from the PBX → the anchor reads the offer", UP,
                        request(PBX, R1, "UPDATE", sdp(OFFER)), pending(PBX, R1, "UPDATE", Stage.MEDIA_OFFER),
                        new RenegotiateMedia(PBX, R1, OFFER, false)),
                row("the anchor answers (ICE restart) → 200 with its answer, nothing to the PBX", deviceOffering,
                        new MidCallMedia(R1, new Renegotiated.Answer(OTHER)), UP,
                        new AnswerMidCall(R1, 200, "OK", sdp(OTHER), Optional.empty())),
                row("the anchor offers the other side (hold) → re-INVITE to the PBX", deviceOffering,
                        new MidCallMedia(R1, new Renegotiated.Offer(OTHER)),
                        pending(DEVICE, R1, "INVITE", Stage.OFFER_RELAYED),
                        new RelayMidCall(PBX, R1, "INVITE", sdp(OTHER))),
                row("the anchor refuses → its status back with a Warning, the call stays", deviceOffering,
                        new MidCallMedia(R1, new Renegotiated.Refused(488, "codec change")), UP,
                        new AnswerMidCall(R1, 488, "Not Acceptable Here", Optional.empty(), Optional.of("codec change"))),
                row("2xx with SDP to the relayed re-INVITE → ACK it, the anchor reads the answer", pbxOfferRelayed,
                        answered(DEVICE, R1, "INVITE", 200, sdp(OTHER)), answering,
                        new AckMidCall(DEVICE, 7), new RenegotiateMedia(DEVICE, R1, OTHER, true)),
                row("2xx to a relayed UPDATE → no ACK (not an INVITE)", updateRelayed,
                        answered(DEVICE, R1, "UPDATE", 200, sdp(OTHER)),
                        pending(PBX, R1, "UPDATE", Stage.MEDIA_ANSWER), new RenegotiateMedia(DEVICE, R1, OTHER, true)),
                row("the anchor's answer for the offerer → 200 with it", answering,
                        new MidCallMedia(R1, new Renegotiated.Answer(OFFER)), UP,
                        new AnswerMidCall(R1, 200, "OK", sdp(OFFER), Optional.empty())),
                row("the relayed re-INVITE refused → same status back, media unchanged (§14.1)", pbxOfferRelayed,
                        answered(DEVICE, R1, "INVITE", 488, Optional.empty()), UP,
                        new AbandonRenegotiation(),
                        new AnswerMidCall(R1, 488, "Their Phrase", Optional.empty(), Optional.empty())),
                row("the relayed re-INVITE gets 491 (glare over there) → 491 back", pbxOfferRelayed,
                        answered(DEVICE, R1, "INVITE", 491, Optional.empty()), UP,
                        new AbandonRenegotiation(),
                        new AnswerMidCall(R1, 491, "Their Phrase", Optional.empty(), Optional.empty())),
                row("a re-INVITE while one is pending → 491 (glare)", pbxOfferRelayed,
                        request(DEVICE, R2, "INVITE", sdp(OFFER)), pbxOfferRelayed,
                        new AnswerMidCall(R2, 491, "Request Pending", Optional.empty(), Optional.empty())),
                row("an INFO while a re-INVITE is pending → 500", pbxOfferRelayed,
                        request(PBX, R2, "INFO", Optional.of(DTMF)), pbxOfferRelayed,
                        new AnswerMidCall(R2, 500, "Another Request Pending", Optional.empty(), Optional.empty())),
                row("INFO from the device → relayed to the PBX as it came", UP,
                        request(DEVICE, R1, "INFO", Optional.of(DTMF)), infoRelayed,
                        new RelayMidCall(PBX, R1, "INFO", Optional.of(DTMF))),
                row("the PBX's answer to the INFO → relayed back with its body", infoRelayed,
                        answered(PBX, R1, "INFO", 200, Optional.of(DTMF)), UP,
                        new AnswerMidCall(R1, 200, "Their Phrase", Optional.of(DTMF), Optional.empty())),
                row("re-INVITE without SDP → 488 with a reason", UP, request(PBX, R1, "INVITE", Optional.empty()), UP,
                        new AnswerMidCall(R1, 488, "Not Acceptable Here", Optional.empty(),
                                Optional.of("a re-INVITE without SDP is not supported"))),
                row("UPDATE without SDP refreshes the dialog → 200 here", UP,
                        request(DEVICE, R1, "UPDATE", Optional.empty()), UP,
                        new AnswerMidCall(R1, 200, "OK", Optional.empty(), Optional.empty())),
                row("PRACK → 481, we send no reliable provisional", UP, request(PBX, R1, "PRACK", Optional.empty()), UP,
                        new AnswerMidCall(R1, 481, "No Reliable Provisional Response", Optional.empty(),
                                Optional.empty())),
                row("a request from a losing fork → 481", UP,
                        request(Party.device(FB), R1, "INFO", Optional.of(DTMF)), UP,
                        new AnswerMidCall(R1, 481, "Call/Transaction Does Not Exist", Optional.empty(), Optional.empty())),
                row("481 to the relayed request → the other dialog is gone: 487, BYE both, FAILED", pbxOfferRelayed,
                        answered(DEVICE, R1, "INVITE", 481, Optional.empty()),
                        new Ended(CALL, FORKS, Optional.of(FA), failed),
                        new AnswerMidCall(R1, 487, "Request Terminated", Optional.empty(), Optional.empty()),
                        new ByeFork(FA), new ByePbx(), new Publish(failed)),
                row("BYE while a request is pending → 487 to it, then the usual hang-up", infoRelayed,
                        new PbxBye(R2), over,
                        new AnswerMidCall(R1, 487, "Request Terminated", Optional.empty(), Optional.empty()),
                        new ByeFork(FA), new AnswerRequest(R2, 200, "OK"), new Publish(hangup)),
                row("a late anchor result for another request → ignored", infoRelayed,
                        new MidCallMedia(R2, new Renegotiated.Answer(OFFER)), infoRelayed),
                row("before the ACK: re-INVITE → 491, the first offer/answer is not done",
                        new Answered(CALL, FORKS, FA, ANSWERED_AT, false), request(PBX, R1, "INVITE", sdp(OFFER)),
                        new Answered(CALL, FORKS, FA, ANSWERED_AT, false),
                        new AnswerMidCall(R1, 491, "Request Pending", Optional.empty(), Optional.empty())),
                row("after the end: a request → 481", over, request(DEVICE, R1, "INVITE", sdp(OFFER)), over,
                        new AnswerMidCall(R1, 481, "Call/Transaction Does Not Exist", Optional.empty(),
                                Optional.empty())),
                row("after the end: a 2xx to our re-INVITE is still ACKed (§13.2.2.4)", over,
                        answered(PBX, R1, "INVITE", 200, sdp(OTHER)), over, new AckMidCall(PBX, 7)));
    }

    private static Connected pending(Party from, RequestRef request, String method, Stage stage) {
        return UP.with(Optional.of(new MidCall(from, request, method, stage)));
    }

    private static MidCallRequest request(Party from, RequestRef request, String method, Optional<MessageBody> body) {
        return new MidCallRequest(from, request, method, body);
    }

    private static MidCallAnswered answered(Party to, RequestRef request, String method, int status,
                                            Optional<MessageBody> body) {
        return new MidCallAnswered(to, request, method, 7, status, "Their Phrase", body);
    }

    private static Optional<MessageBody> sdp(Sdp sdp) {
        return Optional.of(MessageBody.of(sdp));
    }

    private static Row row(String name, CallState state, CallInput input, CallState next, CallEffect... effects) {
        return new Row(name, state, input, next, List.of(effects));
    }
}
