/**
 * The worker's media threads: a small fixed set of platform threads ({@code media.io-threads}),
 * each a {@link io.ringedge.media.loop.MediaLoop} that owns a {@link java.nio.channels.Selector}
 * over non-blocking UDP channels, a timer heap and an inbox for work handed over by other threads.
 * A session is pinned to one loop for its life, so its state (both legs, ICE, SRTP, jitter buffer,
 * transcoder) is touched by that thread only and needs no locks. This is the structure of
 * rtpengine's poller threads and jitsi-videobridge's I/O pools: per packet it costs one
 * non-blocking receive and send, where one virtual thread per socket cost a park, an unpark and a
 * timer per packet.
 */
package io.ringedge.media.loop;
