package io.ringedge.media.srtp;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Packets a transformer passed and rejected, by reason. Written by the one thread that owns the
 * transport, read by whoever reports statistics.
 */
public final class SrtpCounters {
    private static final SrtpRejection[] REJECTIONS = SrtpRejection.values();
    private static final int PROTECTED = REJECTIONS.length;
    private static final int UNPROTECTED = PROTECTED + 1;

    private final AtomicLongArray counts = new AtomicLongArray(UNPROTECTED + 1);

    public long protectedPackets() {
        return counts.get(PROTECTED);
    }

    public long unprotectedPackets() {
        return counts.get(UNPROTECTED);
    }

    public long rejected(SrtpRejection reason) {
        return counts.get(reason.ordinal());
    }

    public long rejectedTotal() {
        long total = 0;
        for (SrtpRejection reason : REJECTIONS) {
            total += rejected(reason);
        }
        return total;
    }

    int countProtected(int length) {
        counts.incrementAndGet(PROTECTED);
        return length;
    }

    int countUnprotected(int length) {
        counts.incrementAndGet(UNPROTECTED);
        return length;
    }

    int reject(SrtpRejection reason) {
        counts.incrementAndGet(reason.ordinal());
        return reason.code();
    }
}
