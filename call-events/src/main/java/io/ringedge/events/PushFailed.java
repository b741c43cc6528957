package io.ringedge.events;

/**
 * No wake-up push reached the provider for an asleep device: it refused the push, the token is no
 * longer valid, or the provider stayed unreachable while the call rang.
 *
 * @param provider      {@code pn-provider} of the handle: {@code apns}, {@code fcm} or {@code webpush}
 * @param reason        what the provider (or the push service) answered, for people reading the timeline
 * @param handleRemoved the provider said the token is dead, so the device's push handle was removed
 */
public record PushFailed(String callId, String deviceId, String provider, String reason, boolean handleRemoved)
        implements CallEvent {
}
