package io.ringedge.media.control;

/**
 * A session that failed on its own (see {@link SessionStats} for the causes), as the worker
 * reports it to the edge holding its call.
 *
 * @param failure {@code <cause>: <detail>}, e.g. {@code media-timeout: no RTP from the PBX for PT30S}
 */
public record SessionFailure(String workerId, String sessionId, String callId, String failure) {

    /** The cause part of {@link #failure}: {@code media-timeout}, {@code consent-lost}, ... */
    public String cause() {
        int colon = failure.indexOf(':');
        return colon < 0 ? failure.strip() : failure.substring(0, colon).strip();
    }
}
