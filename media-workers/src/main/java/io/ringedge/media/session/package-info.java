/**
 * A session's media as it flows: the PBX leg (plain RTP or SDES-SRTP, RTCP on the odd port,
 * symmetric RTP latching), the device leg ({@code media.webrtc.WebRtcTransport}), the pipeline
 * directions between them, live counters, and the media-timeout check. A whole session lives on
 * one media loop ({@code media.loop}), whose thread alone touches its state.
 */
package io.ringedge.media.session;
