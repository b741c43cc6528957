package io.ringedge.edge.sip;

/**
 * Something wrong with a request's bytes that the parser let through so the edge can answer it:
 * attached as the inbound message's application data by the stack's parser, read by
 * {@link SipDispatcher}. (jain-sip's application data on an inbound message belongs to the edge.)
 */
public sealed interface MessageDefect {

    /**
     * The request did not parse; only the headers a response needs (Via, From, To, Call-ID, CSeq,
     * RFC 3261 §8.2.6.2) were recovered, under a placeholder Request-URI.
     */
    record Unparseable(String reason) implements MessageDefect {
    }

    /** No Content-Length header in the bytes (the parser would otherwise assume 0). */
    record MissingContentLength() implements MessageDefect {
    }
}
