/**
 * Opus (RFC 6716) for the browser leg with concentus, and its RTP payload format (RFC 7587):
 * 20 ms mono frames, in-band FEC and DTX, caller-owned arrays. Encoder and decoder run at 8 kHz
 * for the G.711 side; {@link io.ringedge.media.codec.opus.OpusSettings} records the measurement
 * behind that choice, {@link io.ringedge.media.codec.opus.OpusFrameDecoder} the one concentus
 * defect we work around (hybrid packets decode to silence below 48 kHz).
 */
package io.ringedge.media.codec.opus;
