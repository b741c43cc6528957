package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.ForkId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls this edge holds, found by Ringedge call id (Kafka events) or by a leg's SIP Call-ID
 * (messages on either leg). Legs never share a Call-ID: every fork has its own (topology hiding),
 * so the Call-ID alone says which call and which leg a message belongs to.
 */
final class CallRegistry {

    /** A leg of a call: the PBX's when {@code fork} is empty. */
    record Leg(CallSession session, Optional<ForkId> fork) {
    }

    private final Map<String, CallSession> calls = new ConcurrentHashMap<>();
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();

    void add(CallSession session, String pbxSipCallId) {
        legs.put(pbxSipCallId, new Leg(session, Optional.empty()));
        calls.put(session.callId(), session);
    }

    void addFork(CallSession session, ForkId fork, String sipCallId) {
        legs.put(sipCallId, new Leg(session, Optional.of(fork)));
    }

    Optional<CallSession> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    Optional<Leg> leg(String sipCallId) {
        return Optional.ofNullable(legs.get(sipCallId));
    }

    /** Forgets the call and each of its legs; {@code sipCallIds} are every leg's Call-ID. */
    void remove(CallSession session, Iterable<String> sipCallIds) {
        calls.remove(session.callId(), session);
        for (String sipCallId : sipCallIds) {
            legs.remove(sipCallId);
        }
    }

    Iterable<CallSession> calls() {
        return calls.values();
    }

    int size() {
        return calls.size();
    }
}
