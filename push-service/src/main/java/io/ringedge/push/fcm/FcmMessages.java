package io.ringedge.push.fcm;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.WebpushConfig;
import io.ringedge.push.Push;
import io.ringedge.push.WakePayload;

import java.time.Duration;
import java.util.Map;

/** Our pushes as FCM HTTP v1 messages: data only, so the app (not the system tray) decides what to show. */
final class FcmMessages {

    /** pn-provider of web browsers; their tokens are FCM registration tokens too. */
    static final String WEBPUSH = "webpush";
    /** A cancel is still useful an hour later: it clears a ringing screen shown from a stale wake. */
    private static final Duration CANCEL_LIFETIME = Duration.ofHours(1);

    private FcmMessages() {
    }

    static Message of(Push push) {
        return switch (push) {
            case Push.Wake wake -> message(push, wake.payload().fields(), wake.timeToLive());
            case Push.Cancel cancel -> message(push, WakePayload.cancelFields(cancel.callId()), CANCEL_LIFETIME);
        };
    }

    // setToken is deprecated in favour of Firebase installation ids, but a device's RFC 8599 pn-prid
    // is the registration token its app got from FirebaseMessaging.getToken()
    @SuppressWarnings("deprecation")
    private static Message message(Push push, Map<String, String> data, Duration ttl) {
        Message.Builder message = Message.builder().setToken(push.handle().prid()).putAllData(data);
        if (WEBPUSH.equals(push.handle().provider())) {
            // RFC 8030 section 5.3 Urgency: high wakes the device now; section 5.2 TTL in seconds
            message.setWebpushConfig(WebpushConfig.builder()
                    .putHeader("Urgency", "high")
                    .putHeader("TTL", Long.toString(Math.max(1, ttl.toSeconds())))
                    .build());
        } else {
            // high priority is what lets a data message wake an app in Doze; TTL: no ring after the call
            message.setAndroidConfig(AndroidConfig.builder()
                    .setPriority(AndroidConfig.Priority.HIGH)
                    .setTtl(ttl.toMillis())
                    .build());
        }
        return message.build();
    }
}
