package io.ringedge.media.jitter;

/** What a clock tick took out of the jitter buffer. */
public enum Playout {
    /** Still filling up to the target delay: nothing to play yet. */
    BUFFERING,
    /** A received frame: decode it. */
    FRAME,
    /**
     * No frame for this slot: lost, late, inside a DTX pause, or an inserted frame that grows the
     * delay. Conceal it (Opus PLC, or FEC when the buffer holds the next packet; G.711 fade).
     */
    MISSING
}
