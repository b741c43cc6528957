/**
 * Adaptive jitter buffer for the transcoding path: RTP payloads in by timestamp, 20 ms frames out
 * on a clock tick, with reorder, duplicate and late handling and a delay target that follows the
 * measured network jitter. Allocation-free after construction; time is passed in.
 */
package io.ringedge.media.jitter;
