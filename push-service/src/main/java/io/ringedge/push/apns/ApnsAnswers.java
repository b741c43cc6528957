package io.ringedge.push.apns;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import io.ringedge.push.PushResult;

import java.time.Duration;
import java.util.Set;

/**
 * APNs answers as {@link PushResult}s, after Apple's "Handling notification responses from APNs"
 * status table: 410 and the token errors of 400 mean the token is dead; 429 and 5xx may pass; any
 * other refusal will not change by sending again.
 */
final class ApnsAnswers {

    /** 400 reasons that say this token can never receive this app's pushes. */
    private static final Set<String> DEAD_TOKEN_REASONS = Set.of("BadDeviceToken", "DeviceTokenNotForTopic");

    private ApnsAnswers() {
    }

    static PushResult of(PushNotificationResponse<?> response, Duration latency) {
        if (response.isAccepted()) {
            return new PushResult.Accepted(String.valueOf(response.getApnsId()), latency);
        }
        int status = response.getStatusCode();
        String reason = response.getRejectionReason().orElse("no reason");
        String described = status + " " + reason;
        if (status == 410 || (status == 400 && DEAD_TOKEN_REASONS.contains(reason))) {
            return new PushResult.Unregistered(described);
        }
        if (status == 429 || status >= 500) {
            return new PushResult.TransientFailure(described);
        }
        // 403 (our credentials) and 413 are ours to fix; no resend helps, but they are not about the token
        return new PushResult.Rejected(described, true);
    }
}
