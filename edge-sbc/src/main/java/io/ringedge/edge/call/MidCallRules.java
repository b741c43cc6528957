package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AbandonRenegotiation;
import io.ringedge.edge.call.CallEffect.AckMidCall;
import io.ringedge.edge.call.CallEffect.AnswerMidCall;
import io.ringedge.edge.call.CallEffect.RelayMidCall;
import io.ringedge.edge.call.CallEffect.RenegotiateMedia;
import io.ringedge.edge.call.CallInput.MidCallAnswered;
import io.ringedge.edge.call.CallInput.MidCallInput;
import io.ringedge.edge.call.CallInput.MidCallMedia;
import io.ringedge.edge.call.CallInput.MidCallRequest;
import io.ringedge.edge.call.CallState.Connected;
import io.ringedge.edge.call.MidCall.Stage;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mid-call requests on a connected call, one at a time:
 *
 * <pre>
 *  re-INVITE / UPDATE with SDP ─▶ MEDIA_OFFER ─anchor: Answer─▶ 200 with it (e.g. an ICE restart)
 *                                     │ Offer
 *                                     ▼
 *                               OFFER_RELAYED ─2xx with SDP─▶ MEDIA_ANSWER ─anchor: Answer─▶ 200 with it
 *                                     └─ non-2xx ─▶ same status back, media unchanged (RFC 3261 §14.1)
 *  INFO, MESSAGE, NOTIFY, REFER ... ─▶ RELAYED ─final response─▶ same status and body back
 * </pre>
 *
 * A second re-INVITE or UPDATE meanwhile is glare: 491 (RFC 3261 §14.1, RFC 3311 §5.2). A
 * re-INVITE without SDP (an offer in the 2xx, answer in the ACK) gets 488: the worker builds each
 * leg's SDP from the other's offer, so it has no offer of its own to make. An UPDATE without SDP
 * only refreshes the dialog and is answered 200 here. The 2xx to a relayed re-INVITE is ACKed at
 * once (RFC 3261 §13.2.2.4); the originator's ACK for our 2xx ends at the edge.
 */
final class MidCallRules {

    private static final Set<String> OFFER_METHODS = Set.of("INVITE", "UPDATE");

    private MidCallRules() {
    }

    /** Before the call is connected or after it ended: nothing mid-call is carried. */
    static void notConnected(MidCallInput input, boolean ended, List<CallEffect> out) {
        switch (input) {
            case MidCallRequest r -> out.add(ended || !OFFER_METHODS.contains(r.method())
                    ? answer(r.request(), 481, "Call/Transaction Does Not Exist")
                    // the call's first offer/answer is still under way (RFC 3261 §14.2)
                    : answer(r.request(), 491, "Request Pending"));
            case MidCallMedia m -> {
                // the call moved on; its media goes with it
            }
            case MidCallAnswered a -> ackIfAccepted(a, out);
        }
    }

    /**
     * RFC 5057 §5.1: a 481 or 408 to a request inside a dialog means the far side's dialog is
     * gone (for a re-INVITE, RFC 3261 §14.1 says the same); the call cannot go on.
     */
    static boolean endsCall(Connected s, MidCallInput input) {
        return input instanceof MidCallAnswered a && (a.status() == 481 || a.status() == 408)
                && s.midCall().filter(m -> m.request().equals(a.request())).isPresent();
    }

    static Connected connected(Connected s, MidCallInput input, List<CallEffect> out) {
        return switch (input) {
            case MidCallRequest r -> request(s, r, out);
            case MidCallMedia m -> media(s, m, out);
            case MidCallAnswered a -> answered(s, a, out);
        };
    }

    /** The call ends with a request still pending: it gets its final response (RFC 3261 §15.1.2). */
    static void terminate(Connected s, List<CallEffect> out) {
        s.midCall().ifPresent(m -> out.add(answer(m.request(), 487, "Request Terminated")));
    }

    private static Connected request(Connected s, MidCallRequest r, List<CallEffect> out) {
        if (!r.from().isPbx() && !r.from().fork().orElseThrow().equals(s.winner())) {
            out.add(answer(r.request(), 481, "Call/Transaction Does Not Exist"));
            return s;
        }
        boolean offerMethod = OFFER_METHODS.contains(r.method());
        if (r.method().equals("PRACK")) {
            // RFC 3262 §3: we never send reliable provisional responses, so none awaits a PRACK
            out.add(answer(r.request(), 481, "No Reliable Provisional Response"));
            return s;
        }
        if (s.midCall().isPresent()) {
            out.add(offerMethod ? answer(r.request(), 491, "Request Pending")
                    : answer(r.request(), 500, "Another Request Pending"));
            return s;
        }
        Optional<Sdp> sdp = r.body().filter(MessageBody::isSdp).map(MessageBody::sdp);
        if (offerMethod && sdp.isPresent()) {
            out.add(new RenegotiateMedia(r.from(), r.request(), sdp.get(), false));
            return s.with(Optional.of(new MidCall(r.from(), r.request(), r.method(), Stage.MEDIA_OFFER)));
        }
        if (r.method().equals("INVITE")) {
            out.add(new AnswerMidCall(r.request(), 488, "Not Acceptable Here", Optional.empty(),
                    Optional.of("a re-INVITE without SDP is not supported")));
            return s;
        }
        if (r.method().equals("UPDATE")) {
            out.add(answer(r.request(), 200, "OK"));
            return s;
        }
        out.add(new RelayMidCall(other(s, r.from()), r.request(), r.method(), r.body()));
        return s.with(Optional.of(new MidCall(r.from(), r.request(), r.method(), Stage.RELAYED)));
    }

    private static Connected media(Connected s, MidCallMedia m, List<CallEffect> out) {
        Optional<MidCall> pending = s.midCall().filter(p -> p.request().equals(m.request())
                && (p.stage() == Stage.MEDIA_OFFER || p.stage() == Stage.MEDIA_ANSWER));
        if (pending.isEmpty()) {
            return s;
        }
        MidCall p = pending.get();
        return switch (m.result()) {
            case MediaAnchor.Renegotiated.Answer a -> {
                out.add(new AnswerMidCall(p.request(), 200, "OK", Optional.of(MessageBody.of(a.sdp())),
                        Optional.empty()));
                yield s.with(Optional.empty());
            }
            case MediaAnchor.Renegotiated.Offer o when p.stage() == Stage.MEDIA_OFFER -> {
                out.add(new RelayMidCall(other(s, p.from()), p.request(), p.method(),
                        Optional.of(MessageBody.of(o.sdp()))));
                yield s.with(Optional.of(p.at(Stage.OFFER_RELAYED)));
            }
            case MediaAnchor.Renegotiated.Offer o -> {
                out.add(new AbandonRenegotiation());
                out.add(new AnswerMidCall(p.request(), 500, "Server Internal Error", Optional.empty(),
                        Optional.of("the media anchor answered an answer with an offer")));
                yield s.with(Optional.empty());
            }
            case MediaAnchor.Renegotiated.Refused f -> {
                out.add(new AnswerMidCall(p.request(), f.status(), phrase(f.status()), Optional.empty(),
                        Optional.of(f.reason())));
                yield s.with(Optional.empty());
            }
        };
    }

    private static Connected answered(Connected s, MidCallAnswered a, List<CallEffect> out) {
        ackIfAccepted(a, out);
        Optional<MidCall> pending = s.midCall().filter(p -> p.request().equals(a.request()));
        if (pending.isEmpty()) {
            return s;
        }
        MidCall p = pending.get();
        boolean accepted = a.status() / 100 == 2;
        switch (p.stage()) {
            case OFFER_RELAYED -> {
                Optional<Sdp> answer = a.body().filter(MessageBody::isSdp).map(MessageBody::sdp);
                if (accepted && answer.isPresent()) {
                    out.add(new RenegotiateMedia(a.to(), p.request(), answer.get(), true));
                    return s.with(Optional.of(p.at(Stage.MEDIA_ANSWER)));
                }
                out.add(new AbandonRenegotiation());
                out.add(accepted ? new AnswerMidCall(p.request(), 500, "Server Internal Error", Optional.empty(),
                        Optional.of("the other side accepted the offer without an SDP answer"))
                        : answer(p.request(), a.status(), a.reason()));
            }
            case RELAYED -> out.add(new AnswerMidCall(p.request(), a.status(), a.reason(), a.body(), Optional.empty()));
            case MEDIA_OFFER, MEDIA_ANSWER -> {
                return s; // a response to a request we did not relay: nothing to do with it
            }
        }
        return s.with(Optional.empty());
    }

    /** RFC 3261 §13.2.2.4: every 2xx to an INVITE is ACKed, whatever became of the call. */
    private static void ackIfAccepted(MidCallAnswered a, List<CallEffect> out) {
        if (a.status() / 100 == 2 && a.method().equals("INVITE")) {
            out.add(new AckMidCall(a.to(), a.cseq()));
        }
    }

    private static Party other(Connected s, Party from) {
        return from.isPbx() ? Party.device(s.winner()) : Party.pbx();
    }

    private static AnswerMidCall answer(RequestRef request, int status, String reason) {
        return new AnswerMidCall(request, status, reason, Optional.empty(), Optional.empty());
    }

    private static String phrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 488 -> "Not Acceptable Here";
            case 491 -> "Request Pending";
            case 503 -> "Service Unavailable";
            default -> "Server Internal Error";
        };
    }
}
