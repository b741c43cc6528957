/**
 * DTLS 1.2 for DTLS-SRTP (RFC 5764, RFC 5763, RFC 8842) on BouncyCastle: the {@code a=setup}
 * role rules, the per-worker certificate and its {@code a=fingerprint}, the check of the peer's
 * certificate against the fingerprint its SDP announced, {@code use_srtp} negotiation, and the
 * export of SRTP master keys (RFC 5764 §4.2). DTLS never owns a socket: the transport's demux
 * hands it records and it hands back datagrams to send. The BouncyCastle glue is in
 * {@code internal}.
 */
package io.ringedge.media.dtls;
