package io.ringedge.media.sdp;

/**
 * A field or attribute value that does not match its grammar. Thrown by the typed {@code parse}
 * methods; {@link SdpParser} turns it into an {@link SdpParseResult.Invalid}, so it never escapes a
 * parse of untrusted text.
 */
public final class SdpSyntaxException extends IllegalArgumentException {

    public SdpSyntaxException(String message) {
        super(message);
    }
}
