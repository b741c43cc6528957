package io.ringedge.edge.sip.internal;

import io.ringedge.edge.sip.RejectCounters;

/**
 * Counts stream connections jain-sip drops because it cannot frame their bytes. jain-sip's NIO
 * parser throws out of {@code addBytes} (no Call-ID, size cap, non-numeric Content-Length) and the
 * channel then closes; the channel subclasses catch that on its way out, count it and rethrow.
 */
final class StreamScreening {

    private volatile RejectCounters counters = new RejectCounters();

    void attach(RejectCounters counters) {
        this.counters = counters;
    }

    interface Feed {
        void run() throws Exception;
    }

    void feed(Feed addBytes) throws Exception {
        try {
            addBytes.run();
        } catch (Exception e) {
            counters.increment(RejectCounters.Reason.UNFRAMEABLE);
            throw e;
        }
    }
}
