package io.ringedge.locator;

import io.ringedge.events.PushHandle;

import java.util.Optional;

/**
 * A device's live registration: which edge holds its WebSocket, and how to reach it there.
 *
 * @param tenantId   tenant of the user
 * @param userId     user the device registered as
 * @param deviceId   the device (from its registration token)
 * @param edgeNode   edge node holding the WebSocket
 * @param flowId     that edge's id for the WebSocket connection (RFC 5626 flow)
 * @param contact    the Contact URI the device registered
 * @param pushHandle RFC 8599 push parameters, if the device sent them
 */
public record Binding(String tenantId, String userId, String deviceId, String edgeNode, String flowId,
                      String contact, Optional<PushHandle> pushHandle) {
}
