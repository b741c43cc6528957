/**
 * The device-facing WebRTC transport of one session: one UDP port carrying ICE, DTLS and
 * SRTP/SRTCP (BUNDLE with rtcp-mux), split by the RFC 7983 first-byte demux, with a small API for
 * the session layer: local parameters for the SDP, {@code start} with the remote ones, media out
 * and in, and state events (connected, failed, consent lost).
 */
package io.ringedge.media.webrtc;
