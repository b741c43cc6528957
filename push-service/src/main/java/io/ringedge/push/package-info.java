/**
 * The push service: wakes devices that are asleep when a call arrives (RFC 8599 push handles) and
 * tells them to stop ringing when the call is over.
 *
 * <p>API for other modules: {@link io.ringedge.push.PushResult} and {@link io.ringedge.push.PushProvider}
 * (a send returns a future of a value; rejections are values, never exceptions),
 * {@link io.ringedge.push.AttachTokens} (the single-use attach token the edge verifies),
 * {@link io.ringedge.push.PushConfig}, and {@link io.ringedge.push.PushService} /
 * {@link io.ringedge.push.PushMain} to run it. Providers live in {@code push.apns} and
 * {@code push.fcm}; per-call state and retries in {@code push.internal}.
 */
package io.ringedge.push;
