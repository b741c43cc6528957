package io.ringedge.testkit.internal;

import io.ringedge.testkit.RecordedMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every frame sent and received, in order, with waits for the n-th one that matches. Thread-safe.
 * A log created with {@code recording} false keeps nothing (load devices, whose traffic would
 * otherwise fill the heap).
 */
public final class MessageLog {

    private final List<RecordedMessage> entries = new ArrayList<>();
    private final boolean recording;

    public MessageLog(boolean recording) {
        this.recording = recording;
    }

    public MessageLog() {
        this(true);
    }

    public synchronized void add(RecordedMessage message) {
        if (recording) {
            entries.add(message);
            notifyAll();
        }
    }

    public synchronized List<RecordedMessage> snapshot() {
        return List.copyOf(entries);
    }

    /**
     * Waits for the {@code nth} (1-based) entry matching {@code filter}; on timeout throws an
     * {@link AssertionError} naming {@code what} and listing what was seen, so a failing test says
     * why without a debugger.
     */
    public synchronized RecordedMessage awaitNth(Predicate<RecordedMessage> filter, int nth, Duration timeout,
                                                 String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = 0;
            for (RecordedMessage m : entries) {
                if (filter.test(m) && ++seen == nth) {
                    return m;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + " (#" + nth + ", saw " + seen + "); messages so far:\n" + describe());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public synchronized String describe() {
        return entries.stream().map(m -> "  " + m.summary()).collect(Collectors.joining("\n"));
    }
}
