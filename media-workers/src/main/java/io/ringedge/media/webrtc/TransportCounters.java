package io.ringedge.media.webrtc;

import java.util.concurrent.atomic.LongAdder;

/** Datagrams a transport dropped before SRTP saw them (SRTP's own rejections are in its counters). */
public final class TransportCounters {
    private final LongAdder unclassified = new LongAdder();
    private final LongAdder beforeKeys = new LongAdder();
    private final LongAdder foreignSource = new LongAdder();
    private final LongAdder notSent = new LongAdder();

    /** Garbage, truncated packets, ZRTP, TURN channel data: nothing we serve (RFC 7983 §7). */
    public long unclassified() {
        return unclassified.sum();
    }

    /** SRTP/SRTCP that arrived before DTLS produced keys. */
    public long beforeKeys() {
        return beforeKeys.sum();
    }

    /** SRTP/SRTCP from an address other than the selected pair's. */
    public long foreignSource() {
        return foreignSource.sum();
    }

    /** Media the session asked to send with no keys, no consent or a failed protect. */
    public long notSent() {
        return notSent.sum();
    }

    void countUnclassified() {
        unclassified.increment();
    }

    void countBeforeKeys() {
        beforeKeys.increment();
    }

    void countForeignSource() {
        foreignSource.increment();
    }

    void countNotSent() {
        notSent.increment();
    }
}
