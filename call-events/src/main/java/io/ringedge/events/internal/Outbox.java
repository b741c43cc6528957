package io.ringedge.events.internal;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Events not yet handed to the Kafka producer. Bounded, because Kafka may be away for longer than
 * memory lasts; when full, the oldest event goes, because the newest say most about calls still
 * in progress. {@link #add} never blocks longer than the short lock, so a SIP thread can call it.
 */
public final class Outbox<T> {

    private final int capacity;
    private final ArrayDeque<T> items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long dropped;
    private boolean sealed;

    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Queues {@code item}, dropping the oldest one if the outbox is full.
     *
     * @return false, and the item counted as dropped, if the outbox is {@linkplain #seal() sealed}
     */
    public boolean add(T item) {
        lock.lock();
        try {
            if (sealed) {
                dropped++;
                return false;
            }
            if (items.size() == capacity) {
                items.pollFirst();
                dropped++;
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Puts back an item taken by {@link #poll} that could not be passed on, ahead of everything
     * else, so it keeps its place in the order. If the outbox filled up meanwhile, it is the oldest
     * item and is dropped. Works on a sealed outbox too: draining goes on after sealing.
     */
    public void returnToFront(T item) {
        lock.lock();
        try {
            if (items.size() == capacity) {
                dropped++;
                return;
            }
            items.addFirst(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest item, waiting up to {@code timeout} for one; null if none came. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            return items.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /** From now on {@link #add} refuses; what is queued stays to be drained. */
    public void seal() {
        lock.lock();
        try {
            sealed = true;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the outbox, counting what it held as dropped. */
    public int discardAll() {
        lock.lock();
        try {
            int n = items.size();
            items.clear();
            dropped += n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    public int capacity() {
        return capacity;
    }

    /** Items lost so far: pushed out when full, refused after sealing, or discarded. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
