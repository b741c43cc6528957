package io.ringedge.media.session;

/**
 * Where a session's media stands: {@code offered} (waiting for the device's answer),
 * {@code answered} (ICE and DTLS under way), {@code connected}, or {@code failed} with a cause and a
 * detail. A failure is final: the first cause is the one the call ends with.
 */
record MediaHealth(String state, String cause, String detail) {
    static final MediaHealth OFFERED = new MediaHealth("offered", null, null);
    static final MediaHealth ANSWERED = new MediaHealth("answered", null, null);
    static final MediaHealth CONNECTED = new MediaHealth("connected", null, null);

    static MediaHealth failed(String cause, String detail) {
        return new MediaHealth("failed", cause, detail);
    }

    /**
     * The state once {@code next} is reported: a failure is final (the first cause is the one the
     * call ends with), and {@code connected} only follows {@code answered} (a late DTLS success
     * must not revive a failed call).
     */
    MediaHealth then(MediaHealth next) {
        if (isFailed() || (next == CONNECTED && this != ANSWERED)) {
            return this;
        }
        return next;
    }

    boolean isFailed() {
        return cause != null;
    }

    /** Media should be flowing, so silence counts against {@code media.media-timeout}. */
    boolean expectsMedia() {
        return this == ANSWERED || this == CONNECTED;
    }

    /** {@code <cause>: <detail>}, or null when nothing failed. */
    String failure() {
        return cause == null ? null : cause + ": " + detail;
    }
}
