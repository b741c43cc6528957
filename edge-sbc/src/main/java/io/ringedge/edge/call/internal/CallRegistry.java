package io.ringedge.edge.call.internal;

import io.ringedge.edge.call.ForkId;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Calls with a fork over each WebSocket flow, so a closing flow reaches only its own calls: a
     * woken phone closes its WebSocket after every call, and telling each of the thousands of calls
     * held (ended ones linger) cost CPU per close in proportion to the load. Immutable sets, replaced
     * per change.
     */
    private final Map<String, Set<CallSession>> byFlow = new ConcurrentHashMap<>();

    void add(CallSession session, String pbxSipCallId) {
        legs.put(pbxSipCallId, new Leg(session, Optional.empty()));
        calls.put(session.callId(), session);
    }

    void addFork(CallSession session, ForkId fork, String sipCallId, String flowId) {
        legs.put(sipCallId, new Leg(session, Optional.of(fork)));
        byFlow.merge(flowId, Set.of(session), (held, added) -> {
            Set<CallSession> both = new HashSet<>(held);
            both.addAll(added);
            return Set.copyOf(both);
        });
    }

    /** The calls with a fork over {@code flowId}, ended ones included until they retire. */
    Set<CallSession> onFlow(String flowId) {
        return byFlow.getOrDefault(flowId, Set.of());
    }

    Optional<CallSession> call(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    Optional<Leg> leg(String sipCallId) {
        return Optional.ofNullable(legs.get(sipCallId));
    }

    /**
     * Forgets the call and each of its legs; {@code sipCallIds} are every leg's Call-ID,
     * {@code flowIds} the flows of its forks.
     */
    void remove(CallSession session, Iterable<String> sipCallIds, Iterable<String> flowIds) {
        calls.remove(session.callId(), session);
        for (String sipCallId : sipCallIds) {
            legs.remove(sipCallId);
        }
        for (String flowId : flowIds) {
            byFlow.computeIfPresent(flowId, (f, held) -> {
                Set<CallSession> rest = new HashSet<>(held);
                rest.remove(session);
                return rest.isEmpty() ? null : Set.copyOf(rest);
            });
        }
    }

    int size() {
        return calls.size();
    }
}
