package io.ringedge.edge.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.Header;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.List;

/**
 * Sends final answers the edge gives on its own (errors, OPTIONS, REGISTER). Statefully, through a
 * server transaction, so retransmitted requests are absorbed and, for INVITE, the ACK to a
 * non-2xx is matched (RFC 3261 §17.2.1).
 */
public final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final MessageFactory messages;

    public Responder(MessageFactory messages) {
        this.messages = messages;
    }

    public Response create(Request request, int status, String reason, List<Header> headers) {
        try {
            Response response = messages.createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason);
            }
            headers.forEach(response::addHeader);
            return response;
        } catch (ParseException e) {
            throw new IllegalArgumentException("bad response " + status + " " + reason, e);
        }
    }

    public void reply(InboundRequest in, int status, String reason, List<Header> headers) {
        send(in, create(in.request(), status, reason, headers));
    }

    /** An answer saying when to try again (RFC 3261 §20.33), e.g. 503 while overloaded. */
    public void replyRetryAfter(InboundRequest in, int status, String reason, int retryAfterSeconds) {
        gov.nist.javax.sip.header.RetryAfter retryAfter = new gov.nist.javax.sip.header.RetryAfter();
        try {
            retryAfter.setRetryAfter(retryAfterSeconds);
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException("bad Retry-After " + retryAfterSeconds, e);
        }
        reply(in, status, reason, List.of(retryAfter));
    }

    public void reply(InboundRequest in, int status, String reason) {
        reply(in, status, reason, List.of());
    }

    public void send(InboundRequest in, Response response) {
        if (Request.ACK.equals(in.method())) {
            return; // RFC 3261 §17.1.1.3: an ACK is never answered
        }
        try {
            ServerTransaction tx = in.event().getServerTransaction();
            if (tx == null) {
                tx = in.provider().getNewServerTransaction(in.request());
            }
            tx.sendResponse(response);
        } catch (TransactionAlreadyExistsException e) {
            LOG.debug("retransmission of {} absorbed by its transaction", in.method());
        } catch (SipException | InvalidArgumentException e) {
            LOG.warn("cannot answer {} {} from {}: {}", response.getStatusCode(), in.method(), in.source(),
                    e.getMessage());
        }
    }
}
