package io.ringedge.media.sdp;

/** The outcome of parsing untrusted SDP: a description, or the reason it was refused. */
public sealed interface SdpParseResult {

    record Parsed(SessionDescription description) implements SdpParseResult {
    }

    /** {@code reason} names the line and what is wrong with it; it goes back to the sender. */
    record Invalid(String reason) implements SdpParseResult {
    }
}
