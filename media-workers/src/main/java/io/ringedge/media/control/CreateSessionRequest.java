package io.ringedge.media.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code PUT /v1/sessions/{id}}: the call it belongs to, the PBX's SDP offer and, optionally, the edge
 * node holding the call: the worker reports the session's failure (media timeout, consent lost...)
 * on that edge's Redis channel ({@link io.ringedge.media.registry.WorkerRegistry#failureChannel}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateSessionRequest(String callId, String pbxOffer, String edgeNode) {
}
