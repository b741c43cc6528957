package io.ringedge.media.jitter;

/** What the jitter buffer did with an offered packet. */
public enum Arrival {
    /** Stored for playout. */
    ACCEPTED,
    /** Its frame is already buffered (a network or sender retransmission); dropped. */
    DUPLICATE,
    /** Its frame was already played or concealed; dropped, and the delay target learns from it. */
    LATE,
    /** Too large a payload for a slot; dropped. */
    OVERSIZE,
    /** So far from the playout point that the sender must have restarted: the buffer restarted on it. */
    RESYNC
}
