package io.ringedge.bench.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that sends a frame for every registered source every 20 ms. Sources are
 * spread over 20 slots of 1 ms, so a thousand calls do not all send in the same instant (real
 * calls start at random moments). How late the thread itself runs behind its slots is recorded:
 * a loaded generator's own lag shows up as lateness at the receiver, and must be told apart.
 */
final class FrameClock implements AutoCloseable {
    /** One frame of one stream; runs on the clock's thread, so must not block. */
    interface Source {
        void sendFrame(long nowNanos);
    }

    static final long FRAME_NANOS = 20_000_000;
    private static final int SLOTS = 20;
    private static final long SLOT_NANOS = FRAME_NANOS / SLOTS;

    private final List<List<Source>> slots = new java.util.ArrayList<>();
    private final LatencyHistogram lag = new LatencyHistogram();
    private final Thread thread;
    private volatile boolean running = true;
    private int next;

    FrameClock(String name) {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    synchronized void add(Source source) {
        slots.get(next).add(source);
        next = (next + 1) % SLOTS;
    }

    void remove(Source source) {
        for (List<Source> slot : slots) {
            slot.remove(source);
        }
    }

    /** How far behind schedule each slot's sending started. */
    LatencyHistogram lag() {
        return lag;
    }

    private void run() {
        long due = System.nanoTime();
        int slot = 0;
        while (running) {
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            lag.record(now - due);
            for (Source source : slots.get(slot)) {
                source.sendFrame(now);
            }
            slot = (slot + 1) % SLOTS;
            due += SLOT_NANOS;
            if (System.nanoTime() - due > FRAME_NANOS * 50) {
                due = System.nanoTime(); // a second behind: skip rather than burst
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
