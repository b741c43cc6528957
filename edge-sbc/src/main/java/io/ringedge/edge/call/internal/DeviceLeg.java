package io.ringedge.edge.call.internal;

import gov.nist.javax.sip.stack.SIPDialog;
import io.ringedge.edge.call.ForkId;
import io.ringedge.edge.call.MessageBody;
import io.ringedge.edge.call.Sdp;
import io.ringedge.events.Caller;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One fork: we are the UAC of an INVITE to a device. The request is built from scratch, never
 * copied from the PBX's: a new Call-ID, a new From tag, our own Via and Contact (topology hiding,
 * the device learns nothing of the PBX but the caller's name and number).
 */
final class DeviceLeg implements DialogLeg {

    /** A number the PBX sent that is not a plain dialable string is not put into a URI. */
    private static final Pattern DIALABLE = Pattern.compile("[0-9A-Za-z+*#._-]{1,64}");
    private static final long INVITE_CSEQ = 1;

    private final ForkId fork;
    private final SipMessages sip;
    private final DeviceTarget target;
    private final ClientTransaction invite;
    private final Dialog dialog;

    private DeviceLeg(ForkId fork, SipMessages sip, DeviceTarget target, ClientTransaction invite, Dialog dialog) {
        this.fork = fork;
        this.sip = sip;
        this.target = target;
        this.invite = invite;
        this.dialog = dialog;
    }

    /**
     * Builds the INVITE, its client transaction and its dialog without sending it, so the leg's
     * Call-ID can be registered before the device can answer; {@link #send} sends it.
     */
    static DeviceLeg prepare(SipMessages sip, DeviceTarget target, ForkId fork, Caller caller, String did,
                            Optional<Sdp> offer) throws SipException {
        try {
            ListeningPoint listener = target.provider().getListeningPoint();
            String host = SipMessages.host(listener);
            CallIdHeader callId = target.provider().getNewCallId();

            SipURI fromUri = sip.addresses().createSipURI(dialable(caller.number()), host);
            Address from = sip.addresses().createAddress(fromUri);
            if (!caller.displayName().isBlank()) {
                from.setDisplayName(caller.displayName());
            }
            Address to = sip.addresses().createAddress(sip.addresses().createSipURI(dialable(did), host));
            ViaHeader via = sip.headers().createViaHeader(host, SipMessages.port(listener), listener.getTransport(),
                    null);
            Request request = sip.messages().createRequest(target.requestUri(), Request.INVITE, callId,
                    sip.headers().createCSeqHeader(INVITE_CSEQ, Request.INVITE),
                    sip.headers().createFromHeader(from, newTag()), sip.headers().createToHeader(to, null),
                    List.of(via), sip.headers().createMaxForwardsHeader(70));
            request.setHeader(sip.contact(listener));
            if (target.edgeRoute().isPresent()) {
                request.addHeader(target.edgeRoute().get());
            }
            sip.setBody(request, offer);

            ClientTransaction transaction = target.provider().getNewClientTransaction(request);
            // automatic dialog support is off: the dialog must exist before the INVITE leaves
            Dialog dialog = target.provider().getNewDialog(transaction);
            return new DeviceLeg(fork, sip, target, transaction, dialog);
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot build the INVITE for " + fork, e);
        }
    }

    void send() throws SipException {
        invite.sendRequest();
    }

    ForkId fork() {
        return fork;
    }

    DeviceTarget target() {
        return target;
    }

    String sipCallId() {
        return dialog.getCallId().getCallId();
    }

    /** RFC 3261 §9.1; the state machine asks only once a provisional response has arrived. */
    void cancel() throws SipException {
        Request cancel = invite.createCancel();
        target.provider().getNewClientTransaction(cancel).sendRequest();
    }

    /** ACK for the 2xx (RFC 3261 §13.2.2.4), sent by the dialog since it is end-to-end. */
    void ack(Optional<Sdp> sdp) throws SipException {
        try {
            Request ack = dialog.createAck(INVITE_CSEQ);
            sip.setBody(ack, sdp);
            dialog.sendAck(ack);
        } catch (InvalidArgumentException e) {
            throw new SipException("cannot ACK " + fork, e);
        }
    }

    @Override
    public ClientTransaction send(String method, Optional<MessageBody> body, Object tag) throws SipException {
        Request request = inDialog(method);
        sip.setMessageBody(request, body);
        ClientTransaction transaction = target.provider().getNewClientTransaction(request);
        transaction.setApplicationData(tag);
        dialog.sendRequest(transaction);
        return transaction;
    }

    /** For a re-INVITE of ours (CSeq above the initial INVITE's). */
    @Override
    public void ack(long cseq) throws SipException {
        try {
            ownTransport();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (InvalidArgumentException e) {
            throw new SipException("cannot ACK CSeq " + cseq, e);
        }
    }

    /**
     * jain-sip takes the transport of a request it builds in a dialog from the top Via of the
     * dialog's last response. Once we answered a request of the device's own (a re-INVITE, an
     * INFO), that is the device's Via, whose transport need not be the flow's (JsSIP writes WSS
     * whatever it runs over), and no listener of ours would match it: so it is set back to the
     * transport we reach the device on.
     */
    private void ownTransport() throws SipException {
        if (dialog instanceof SIPDialog d && d.getLastResponseTopMostVia() != null) {
            try {
                d.getLastResponseTopMostVia().setTransport(target.provider().getListeningPoint().getTransport());
            } catch (ParseException e) {
                throw new SipException("cannot reset the dialog's transport", e);
            }
        }
    }

    private Request inDialog(String method) throws SipException {
        ownTransport();
        return dialog.createRequest(method);
    }

    @Override
    public ContactHeader contact() throws SipException {
        return sip.contact(target.provider().getListeningPoint());
    }

    /** Whether a response with {@code cseq} answers the fork's own INVITE, not a later re-INVITE. */
    static boolean initialInvite(long cseq) {
        return cseq == INVITE_CSEQ;
    }

    void bye() throws SipException {
        Request bye = inDialog(Request.BYE);
        dialog.sendRequest(target.provider().getNewClientTransaction(bye));
    }

    private static String dialable(String number) {
        return DIALABLE.matcher(number).matches() ? number : "anonymous";
    }

    private static String newTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
