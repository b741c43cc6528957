package io.ringedge.testkit.internal;

import io.ringedge.testkit.sip.CSeq;
import io.ringedge.testkit.sip.NameAddress;
import io.ringedge.testkit.sip.SipParseException;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sip.Via;

import java.util.List;

/**
 * What a test device does with each incoming request, on the SIP thread: validate (400 naming the
 * fault, 420 for any Require), then route INVITE, ACK, CANCEL and BYE to their call; OPTIONS gets
 * 200, anything else 501.
 */
final class RequestDispatch {

    private final DeviceCore core;

    RequestDispatch(DeviceCore core) {
        this.core = core;
    }

    void handle(SipRequest request) {
        String problem = problemWith(request);
        if (problem != null) {
            // RFC 3261 section 17: an ACK is never answered
            if (!request.isMethod("ACK") && !request.values("Via").isEmpty()) {
                core.transmit(new SipResponse(400, "Bad Request (" + problem + ")", SipResponse.to(
                        request, 400, Ids.tag()).headers(), ""));
            }
            return;
        }
        SipRequest answerable = core.withReceived(request);
        List<String> required = request.values("Require");
        if (!required.isEmpty() && !request.isMethod("ACK") && !request.isMethod("CANCEL")) {
            // RFC 3261 section 8.2.2.3: this UA supports no extension, so any Require gets 420
            core.transmit(SipResponse.to(answerable, 420, Ids.tag()).with("Unsupported", String.join(", ", required)));
            return;
        }
        switch (request.method()) {
            case "INVITE" -> onInvite(request, answerable);
            case "ACK" -> core.findCall(c -> c.matchesDialog(request) || c.matchesTransaction(request))
                    .ifPresent(c -> c.onAck(request));
            case "CANCEL" -> core.findCall(c -> c.matchesTransaction(request)).ifPresentOrElse(
                    c -> c.onCancel(request, answerable),
                    () -> core.transmit(SipResponse.to(answerable, 481, Ids.tag())));
            case "BYE" -> core.findCall(c -> c.matchesDialog(request)).ifPresentOrElse(
                    c -> c.onBye(answerable),
                    () -> core.transmit(SipResponse.to(answerable, 481, Ids.tag())));
            case "OPTIONS" -> core.transmit(SipResponse.to(answerable, 200, Ids.tag()).with("Allow", DeviceCore.ALLOW));
            default -> core.transmit(SipResponse.to(answerable, 501, Ids.tag()).with("Allow", DeviceCore.ALLOW));
        }
    }

    private void onInvite(SipRequest invite, SipRequest answerable) {
        var existing = core.findCall(c -> c.matchesTransaction(invite));
        if (existing.isPresent()) {
            existing.get().onInviteRetransmission();
            return;
        }
        if (invite.to().tag().isPresent()) {
            core.transmit(new SipResponse(501, "Not Implemented (re-INVITE)",
                    SipResponse.to(answerable, 501, null).headers(), "").with("Allow", DeviceCore.ALLOW));
            return;
        }
        String contactProblem = contactProblem(invite);
        if (contactProblem != null) {
            core.transmit(new SipResponse(400, "Bad Request (" + contactProblem + ")",
                    SipResponse.to(answerable, 400, Ids.tag()).headers(), ""));
            return;
        }
        UasCall call = new UasCall(core, invite, answerable);
        core.addCall(call);
        call.start(core.behaviour());
    }

    /** RFC 3261 section 8.1.1.8: an INVITE carries one Contact, the target of requests in the dialog. */
    private static String contactProblem(SipRequest invite) {
        if (invite.values("Contact").isEmpty()) {
            return "INVITE without Contact";
        }
        try {
            NameAddress.parse(invite.values("Contact").getFirst());
            return null;
        } catch (SipParseException e) {
            return "bad Contact: " + e.getMessage();
        }
    }

    /** The mandatory headers of RFC 3261 section 8.1.1, checked so a broken peer gets a clear 400. */
    private static String problemWith(SipRequest request) {
        try {
            if (request.values("Via").isEmpty()) {
                return "no Via";
            }
            Via top = request.topVia();
            if (!top.branch().orElse("").startsWith(Via.MAGIC_COOKIE)) {
                return "Via branch without the z9hG4bK magic cookie";
            }
            for (String name : new String[] {"From", "To", "Call-ID", "CSeq"}) {
                if (request.header(name).isEmpty()) {
                    return "no " + name;
                }
            }
            request.from();
            request.to();
            CSeq cseq = request.cseq();
            if (!cseq.method().equals(request.method())) {
                return "CSeq method " + cseq.method() + " differs from " + request.method();
            }
            if (request.from().tag().isEmpty()) {
                return "From without tag";
            }
            return null;
        } catch (SipParseException | IllegalStateException e) {
            return e.getMessage();
        }
    }
}
