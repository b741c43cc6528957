package io.ringedge.events;

/**
 * How to wake a device: RFC 8599 push parameters from its REGISTER Contact.
 *
 * @param provider {@code pn-provider}: {@code apns}, {@code fcm} or {@code webpush}
 * @param prid     {@code pn-prid}: the provider's device token
 * @param param    {@code pn-param}: provider specific, e.g. {@code TEAMID.com.example.app.voip}; may be empty
 */
public record PushHandle(String provider, String prid, String param) {
}
