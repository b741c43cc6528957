package io.ringedge.push;

import java.time.Duration;

/**
 * What a provider answered to one push. Every answer the provider can give is a value here; a
 * transport that fails (connection refused, TLS, timeout) is a {@link TransientFailure} too, so the
 * caller decides on retries from this type alone.
 */
public sealed interface PushResult {

    /** Short text for logs and the {@code PushFailed} reason. */
    String describe();

    /**
     * The provider took the push.
     *
     * @param providerId the provider's id for it ({@code apns-id}, FCM message name)
     * @param latency    request sent to answer received
     */
    record Accepted(String providerId, Duration latency) implements PushResult {
        @Override
        public String describe() {
            return "accepted as " + providerId;
        }
    }

    /**
     * The provider refused this push.
     *
     * @param permanent true when sending the same push again cannot succeed (a malformed request)
     */
    record Rejected(String reason, boolean permanent) implements PushResult {
        @Override
        public String describe() {
            return "rejected: " + reason;
        }
    }

    /** The token is dead (app uninstalled, token rotated, wrong topic): the handle must be removed. */
    record Unregistered(String reason) implements PushResult {
        @Override
        public String describe() {
            return "unregistered: " + reason;
        }
    }

    /** Overload, outage, or no answer in time: the same push may succeed later. */
    record TransientFailure(String reason) implements PushResult {
        @Override
        public String describe() {
            return "transient failure: " + reason;
        }
    }
}
