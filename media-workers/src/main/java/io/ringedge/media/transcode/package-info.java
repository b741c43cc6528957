/**
 * A call's media between its two legs, one {@link io.ringedge.media.transcode.MediaDirection} per
 * way: pass-through (header rewriting only) when the legs share a codec, else Opus (48 kHz RTP
 * clock) ↔ PCMU/PCMA (8 kHz) through a jitter buffer, 20 ms frames both sides. Assembled in
 * {@link io.ringedge.media.transcode.MediaPipelines}.
 */
package io.ringedge.media.transcode;
