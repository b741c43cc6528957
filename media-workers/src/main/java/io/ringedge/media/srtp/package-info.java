/**
 * SRTP and SRTCP (RFC 3711) with AES_CM_128_HMAC_SHA1_80/32 and AEAD_AES_128_GCM (RFC 7714),
 * protecting and unprotecting packets in place in caller-owned buffers. A transformer per master
 * key (direction) keeps per-SSRC rollover counters and replay windows; rejections are values
 * ({@link io.ringedge.media.srtp.SrtpRejection}) and are counted. Keys come from DTLS-SRTP
 * (RFC 5764) on the browser leg or SDES (RFC 4568) on the PBX leg; this package does not care
 * which. The cryptographic machinery is in {@code internal}.
 */
package io.ringedge.media.srtp;
