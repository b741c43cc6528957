/**
 * STUN messages (RFC 8489, RFC 5389) as ICE uses them (RFC 8445 §16): validation of untrusted
 * datagrams into a {@link io.ringedge.media.stun.StunParseResult}, typed attribute access,
 * MESSAGE-INTEGRITY and FINGERPRINT, and a builder. Verified against the RFC 5769 vectors.
 */
package io.ringedge.media.stun;
