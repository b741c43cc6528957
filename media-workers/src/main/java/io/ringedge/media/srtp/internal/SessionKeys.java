package io.ringedge.media.srtp.internal;

/** The session keys of one stream kind (SRTP or SRTCP), RFC 3711 §4.3. */
public record SessionKeys(byte[] cipherKey, byte[] cipherSalt, byte[] authKey) {
}
