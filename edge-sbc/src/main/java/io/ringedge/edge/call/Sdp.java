package io.ringedge.edge.call;

/**
 * A session description body ({@code application/sdp}), opaque to the state machine: it only
 * decides which leg's SDP goes where; {@link MediaAnchor} may rewrite it on the way.
 */
public record Sdp(String body) {

    public Sdp {
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("an SDP body must not be empty");
        }
    }
}
