package io.ringedge.edge.call;

import java.util.Objects;

/**
 * The body of a mid-call request or response, relayed as it came: {@code contentType} is its
 * {@code Content-Type} ({@code application/sdp}, {@code application/dtmf-relay} ...).
 */
public record MessageBody(String contentType, String content) {

    public static final String SDP = "application/sdp";

    public MessageBody {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    public static MessageBody of(Sdp sdp) {
        return new MessageBody(SDP, sdp.body());
    }

    public boolean isSdp() {
        return SDP.equalsIgnoreCase(contentType) && !content.isBlank();
    }

    /** The SDP in it; call only when {@link #isSdp()}. */
    public Sdp sdp() {
        return new Sdp(content);
    }
}
