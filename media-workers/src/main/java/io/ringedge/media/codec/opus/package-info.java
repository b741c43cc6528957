/**
 * Opus (RFC 6716) for the browser leg with concentus, and its RTP payload format (RFC 7587):
 * 20 ms mono frames, in-band FEC and DTX, caller-owned arrays.
 */
package io.ringedge.media.codec.opus;
