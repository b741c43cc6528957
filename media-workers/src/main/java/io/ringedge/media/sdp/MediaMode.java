package io.ringedge.media.sdp;

/** How the worker carries audio between the legs once both have agreed on codecs. */
public enum MediaMode {
    /** Both legs use the same codec: only (S)RTP re-protection and header rewriting, no decode. */
    PASS_THROUGH,
    /** Opus toward the device, G.711 toward the PBX: decode, jitter buffer, encode. */
    TRANSCODE
}
