package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.MessageBody;

import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.header.ContactHeader;
import java.util.Optional;

/** A confirmed dialog of a call, PBX's or device's, as mid-call requests cross it. */
interface DialogLeg {

    /**
     * Sends {@code method} inside the dialog (RFC 3261 §12.2.1.1) with {@code body}; its client
     * transaction carries {@code tag}, so its final response finds the request it answers.
     */
    ClientTransaction send(String method, Optional<MessageBody> body, Object tag) throws SipException;

    /** ACKs the 2xx to the re-INVITE we sent with {@code cseq} (RFC 3261 §13.2.2.4). */
    void ack(long cseq) throws SipException;

    /** Our Contact toward this side, for a 2xx to its re-INVITE (RFC 3261 §12.2.2, §13.3.1.4). */
    ContactHeader contact() throws SipException;
}
