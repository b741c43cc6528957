package io.ringedge.push.fcm;

import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import io.ringedge.push.PushResult;

/**
 * FCM v1 errors as {@link PushResult}s, after the FCM {@code ErrorCode} reference: a dead or
 * foreign token is {@link PushResult.Unregistered}; overload and outages may pass; a bad request
 * will not change by sending it again.
 */
final class FcmAnswers {

    private FcmAnswers() {
    }

    static PushResult of(Throwable failure) {
        if (!(failure instanceof FirebaseMessagingException error)) {
            return new PushResult.TransientFailure(describe(failure));
        }
        MessagingErrorCode fcmCode = error.getMessagingErrorCode();
        ErrorCode code = error.getErrorCode();
        int status = error.getHttpResponse() == null ? 0 : error.getHttpResponse().getStatusCode();
        String described = (fcmCode != null ? fcmCode.name() : code.name())
                + (status == 0 ? "" : " (HTTP " + status + ")") + ": " + error.getMessage();
        if (fcmCode == MessagingErrorCode.UNREGISTERED || fcmCode == MessagingErrorCode.SENDER_ID_MISMATCH
                || code == ErrorCode.NOT_FOUND || status == 404) {
            return new PushResult.Unregistered(described);
        }
        if (fcmCode == MessagingErrorCode.INVALID_ARGUMENT || code == ErrorCode.INVALID_ARGUMENT) {
            return new PushResult.Rejected(described, true);
        }
        if (fcmCode == MessagingErrorCode.UNAVAILABLE || fcmCode == MessagingErrorCode.INTERNAL
                || fcmCode == MessagingErrorCode.QUOTA_EXCEEDED || status == 429 || status >= 500
                || code == ErrorCode.UNAVAILABLE || code == ErrorCode.INTERNAL
                || code == ErrorCode.RESOURCE_EXHAUSTED || status == 0) {
            // status 0: no HTTP answer at all (connection refused, reset, read timeout)
            return new PushResult.TransientFailure(described);
        }
        // THIRD_PARTY_AUTH_ERROR, 401, 403: our credentials or the app's APNs key at Google; not the token
        return new PushResult.Rejected(described, false);
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
