package io.ringedge.edge.token;

import java.time.Instant;

/**
 * What a device token says: who the device may register as, and for how long.
 * JWT claims (RFC 7519 §4): {@code ten} tenant, {@code sub} user, {@code dev} device, {@code iat}, {@code exp}.
 */
public record DeviceClaims(String tenantId, String userId, String deviceId, Instant issuedAt, Instant expiresAt) {
}
