package io.ringedge.media.ice;

import java.util.concurrent.atomic.LongAdder;

/** What one agent saw on its port; written by the transport's media loop, read by stats. */
public final class IceCounters {
    private final LongAdder malformed = new LongAdder();
    private final LongAdder unauthenticated = new LongAdder();
    private final LongAdder requestsAnswered = new LongAdder();
    private final LongAdder roleConflicts = new LongAdder();
    private final LongAdder checksSent = new LongAdder();
    private final LongAdder unmatchedResponses = new LongAdder();
    private final LongAdder unknownAttributes = new LongAdder();

    /** STUN that failed to parse (bad lengths, oversize attributes, bad FINGERPRINT...). */
    public long malformed() {
        return malformed.sum();
    }

    /** Well-formed STUN with a wrong USERNAME or MESSAGE-INTEGRITY, or none. */
    public long unauthenticated() {
        return unauthenticated.sum();
    }

    public long requestsAnswered() {
        return requestsAnswered.sum();
    }

    /** Role conflicts detected, by request or by 487 answer (RFC 8445 §7.3.1.1, §7.2.5.1). */
    public long roleConflicts() {
        return roleConflicts.sum();
    }

    /** Connectivity and consent checks sent, retransmissions included. */
    public long checksSent() {
        return checksSent.sum();
    }

    /** Responses to no transaction of ours (late, duplicated or forged). */
    public long unmatchedResponses() {
        return unmatchedResponses.sum();
    }

    /** Authenticated requests answered 420 for comprehension-required attributes we do not know. */
    public long unknownAttributes() {
        return unknownAttributes.sum();
    }

    void countUnknownAttributes() {
        unknownAttributes.increment();
    }

    void countMalformed() {
        malformed.increment();
    }

    void countUnauthenticated() {
        unauthenticated.increment();
    }

    void countRequestAnswered() {
        requestsAnswered.increment();
    }

    void countRoleConflict() {
        roleConflicts.increment();
    }

    void countCheckSent() {
        checksSent.increment();
    }

    void countUnmatchedResponse() {
        unmatchedResponses.increment();
    }
}
