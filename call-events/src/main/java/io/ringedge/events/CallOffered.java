package io.ringedge.events;

/**
 * A PBX's INVITE was admitted by a connection and routed to a user; the edge holds the call.
 *
 * @param callId       Ringedge call id
 * @param tenantId     tenant that owns the connection
 * @param connectionId connection (PBX trunk) whose source CIDR admitted the INVITE
 * @param did          the dialled number (Request-URI user part)
 * @param userId       user the DID routes to
 * @param caller       caller as the PBX sent it (From display name and user part)
 * @param edgeNode     id of the edge node holding the call
 */
public record CallOffered(String callId, String tenantId, String connectionId, String did, String userId,
                          Caller caller, String edgeNode) implements CallEvent {
}
