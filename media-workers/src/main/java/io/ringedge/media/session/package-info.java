/**
 * A session's media as it flows: the PBX leg (plain RTP or SDES-SRTP, RTCP on the odd port,
 * symmetric RTP latching), the device leg ({@code media.webrtc.WebRtcTransport}), the pipeline
 * directions between them, live counters, and the watchdog that reports dead media. Each leg's
 * receiving thread owns the direction that starts there: PBX to device on the PBX RTP thread,
 * device to PBX on the WebRTC transport thread.
 */
package io.ringedge.media.session;
