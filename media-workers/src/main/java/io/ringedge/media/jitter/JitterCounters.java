package io.ringedge.media.jitter;

/** Running counts of one jitter buffer, for the call's stats; written only by the media thread. */
public final class JitterCounters {
    long accepted;
    long duplicates;
    long late;
    long oversize;
    long resyncs;
    long played;
    long concealed;
    long stretched;
    long compressed;

    public long accepted() {
        return accepted;
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    public long oversize() {
        return oversize;
    }

    public long resyncs() {
        return resyncs;
    }

    /** Frames played from received packets. */
    public long played() {
        return played;
    }

    /** Frames whose packet was missing at playout time (lost, late, or inside a DTX pause). */
    public long concealed() {
        return concealed;
    }

    /** Concealed frames inserted to grow the delay. */
    public long stretched() {
        return stretched;
    }

    /** Frames skipped to shrink the delay. */
    public long compressed() {
        return compressed;
    }
}
