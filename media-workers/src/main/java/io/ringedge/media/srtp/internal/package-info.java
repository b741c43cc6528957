/**
 * SRTP machinery: the AES-CM key derivation (RFC 3711 §4.3), counter-mode keystream and
 * HMAC-SHA1 over the JDK's accelerated AES and SHA-1, the AES-GCM transform, per-SSRC state and
 * the replay window. Not for use outside {@code io.ringedge.media.srtp}.
 */
package io.ringedge.media.srtp.internal;
