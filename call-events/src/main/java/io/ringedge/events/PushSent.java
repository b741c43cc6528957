package io.ringedge.events;

/**
 * The push provider accepted a wake-up push for an asleep device. Acceptance means the provider
 * will try to deliver it, not that the phone woke: that shows as the device attaching.
 *
 * @param provider      {@code pn-provider} of the handle used: {@code apns}, {@code fcm} or {@code webpush}
 * @param providerId    the provider's id for the push ({@code apns-id}, or the FCM message name)
 * @param latencyMillis from the push service taking the push to the provider's acceptance, retries included
 */
public record PushSent(String callId, String deviceId, String provider, String providerId, long latencyMillis)
        implements CallEvent {
}
