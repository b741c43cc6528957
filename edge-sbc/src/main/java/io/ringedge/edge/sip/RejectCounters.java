package io.ringedge.edge.sip;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the edge rejected or dropped, by reason, for the Prometheus export: bad input must be
 * visible even when nobody can be answered (UDP garbage, non-SIP WebSocket frames).
 */
public final class RejectCounters {

    public enum Reason {
        /** Bytes the SIP parser could not turn into a message. */
        UNPARSEABLE,
        /**
         * A TCP or WebSocket connection closed because its bytes could not be framed into SIP
         * messages (no Call-ID, a runaway header, a non-numeric Content-Length): nothing to answer.
         */
        UNFRAMEABLE,
        /** Larger than {@code edge.sip.max-message-size}: 513. */
        OVERSIZE,
        /** No Content-Length on a stream transport: 400 (RFC 3261 §18.3). */
        MISSING_CONTENT_LENGTH,
        /** Unknown method: 501 (RFC 3261 §8.2.1). */
        UNKNOWN_METHOD,
        /** Source admitted by no connection: 403. */
        FORBIDDEN_SOURCE,
        /** DID routed by no route of the admitting connection: 404. */
        UNKNOWN_DID,
        /** REGISTER without a valid token: 401. */
        UNAUTHENTICATED,
        /** INVITE over its connection's {@code max-calls-per-second}: 503 with Retry-After. */
        CALL_RATE_LIMIT,
        /** INVITE over its connection's {@code max-concurrent-calls}: 503. */
        CONCURRENT_CALL_LIMIT,
        /** INVITE while {@code edge.call.max-calls-in-setup} calls wait to be located: 503 with Retry-After. */
        OVERLOAD
    }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    public RejectCounters() {
        for (Reason r : Reason.values()) {
            counts.put(r, new LongAdder());
        }
    }

    public void increment(Reason reason) {
        counts.get(reason).increment();
    }

    public long count(Reason reason) {
        return counts.get(reason).sum();
    }

    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        counts.forEach((r, n) -> out.put(r, n.sum()));
        return out;
    }
}
