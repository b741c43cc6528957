package io.ringedge.locator;

import java.time.Instant;
import java.util.Set;

/**
 * A call held by one edge while devices are rung or woken, visible to every edge: the edge where a
 * woken device attaches finds the call here and the holding edge claims (call, device) once.
 *
 * @param callId       Ringedge call id
 * @param tenantId     tenant of the called user
 * @param userId       called user
 * @param holdingEdge  edge node holding the PBX leg
 * @param triedDevices devices already sent the INVITE (or claimed)
 * @param deadline     end of the ring timeout; the record disappears then
 */
public record PendingCall(String callId, String tenantId, String userId, String holdingEdge,
                          Set<String> triedDevices, Instant deadline) {

    public PendingCall {
        triedDevices = Set.copyOf(triedDevices);
    }
}
