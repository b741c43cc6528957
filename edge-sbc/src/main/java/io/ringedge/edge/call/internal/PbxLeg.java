package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.MessageBody;
import io.ringedge.edge.call.Sdp;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The PBX side of a call: we are the UAS of its INVITE. Responses are built from the PBX's own
 * request, so they carry its Via, From, Call-ID and CSeq and nothing of a device leg; Contact is
 * this edge's listener on which the INVITE arrived.
 */
final class PbxLeg implements DialogLeg {

    private final SipMessages sip;
    private final SipProvider provider;
    /** warn-agent (RFC 3261 §20.43): a pseudonym, so the Warning hides our topology like the rest. */
    private static final String WARN_AGENT = "ringedge";

    private final Request invite;
    private final ServerTransaction transaction;
    private final Dialog dialog;
    private final ContactHeader contact;
    /** One To tag for every response that creates or confirms the dialog (RFC 3261 §12.1.1). */
    private final String toTag = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    private PbxLeg(SipMessages sip, SipProvider provider, Request invite, ServerTransaction transaction,
                   Dialog dialog, ContactHeader contact) {
        this.sip = sip;
        this.provider = provider;
        this.invite = invite;
        this.transaction = transaction;
        this.dialog = dialog;
        this.contact = contact;
    }

    /**
     * Takes the INVITE statefully: its server transaction absorbs retransmissions (RFC 3261
     * §17.2.1) and, with automatic dialog support off, the dialog is ours to create.
     */
    static PbxLeg accept(SipMessages sip, SipProvider provider, Request invite, ServerTransaction existing)
            throws SipException {
        ServerTransaction transaction = existing != null ? existing : provider.getNewServerTransaction(invite);
        Dialog dialog = provider.getNewDialog(transaction);
        return new PbxLeg(sip, provider, invite, transaction, dialog, sip.contact(provider.getListeningPoint()));
    }

    String sipCallId() {
        return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    }

    Optional<Sdp> offer() {
        return SipMessages.sdpOf(invite);
    }

    void respond(int status, String reason, Optional<RespondToPbx.Wake> wake, Optional<Sdp> sdp) throws SipException {
        try {
            Response response = sip.messages().createResponse(status, invite);
            response.setReasonPhrase(reason);
            if (wake.isPresent()) {
                response.setHeader(sip.headers().createHeader(RespondToPbx.WAKE_HEADER, wake.get().headerValue()));
            }
            if (status > 100) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            }
            // RFC 3261 §12.1.1: responses that create or confirm the dialog carry our Contact
            if ((status / 100 == 1 && status > 100) || status / 100 == 2) {
                response.setHeader(contact);
            }
            sip.setBody(response, sdp);
            transaction.sendResponse(response);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot answer the PBX " + status, e);
        }
    }

    /** A final failure with a Warning header (RFC 3261 §20.43) saying why. */
    void refuse(int status, String reason, int warnCode, String warning) throws SipException {
        try {
            Response response = sip.messages().createResponse(status, invite);
            response.setReasonPhrase(reason);
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            // quoted-string: a worker's reason may hold quotes or line breaks, which must not end the header
            String text = warning.replaceAll("[\\\\\"\\r\\n]", " ");
            response.setHeader(sip.headers().createWarningHeader(WARN_AGENT, warnCode,
                    text.length() > 200 ? text.substring(0, 200) : text));
            transaction.sendResponse(response);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot answer the PBX " + status, e);
        }
    }

    @Override
    public ClientTransaction send(String method, Optional<MessageBody> body, Object tag) throws SipException {
        Request request = dialog.createRequest(method);
        sip.setMessageBody(request, body);
        ClientTransaction transaction = provider.getNewClientTransaction(request);
        transaction.setApplicationData(tag);
        dialog.sendRequest(transaction);
        return transaction;
    }

    @Override
    public void ack(long cseq) throws SipException {
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (InvalidArgumentException e) {
            throw new SipException("cannot ACK CSeq " + cseq, e);
        }
    }

    @Override
    public ContactHeader contact() {
        return contact;
    }

    void bye() throws SipException {
        Request bye = dialog.createRequest(Request.BYE);
        ClientTransaction byeTransaction = provider.getNewClientTransaction(bye);
        dialog.sendRequest(byeTransaction);
    }
}
