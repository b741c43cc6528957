package io.ringedge.media.dtls;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one DTLS endpoint (or a worker, if shared) saw. Written by the transport's media loop and the
 * handshake thread, read by stats: adders, not plain longs.
 */
public final class DtlsCounters {
    private final LongAdder datagrams = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder reordered = new LongAdder();
    private final LongAdder overflow = new LongAdder();
    private final LongAdder established = new LongAdder();
    private final LongAdder fingerprintMismatches = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** Datagrams the demux handed to DTLS. */
    public long datagrams() {
        return datagrams.sum();
    }

    /** Datagrams dropped because their records are not DTLS (bad type, version or length). */
    public long malformed() {
        return malformed.sum();
    }

    /** Records that arrived with a lower sequence number than one already seen in their epoch. */
    public long reordered() {
        return reordered.sum();
    }

    /** Datagrams dropped because the handshake was not reading them fast enough. */
    public long overflow() {
        return overflow.sum();
    }

    public long established() {
        return established.sum();
    }

    public long fingerprintMismatches() {
        return fingerprintMismatches.sum();
    }

    /** Handshakes that failed, for any cause (fingerprint mismatches included). */
    public long failures() {
        return failures.sum();
    }

    public void countDatagram() {
        datagrams.increment();
    }

    public void countMalformed() {
        malformed.increment();
    }

    public void countReordered() {
        reordered.increment();
    }

    public void countOverflow() {
        overflow.increment();
    }

    void countOutcome(DtlsOutcome outcome) {
        if (outcome instanceof DtlsOutcome.Failed failed) {
            failures.increment();
            if (failed.cause() == DtlsFailure.FINGERPRINT_MISMATCH) {
                fingerprintMismatches.increment();
            }
        } else {
            established.increment();
        }
    }
}
