package io.ringedge.media.loop;

import java.util.Arrays;

/**
 * A binary min-heap of {@link LoopTimer}s by due instant, each timer knowing its index, so moving
 * or cancelling one is O(log n) with no search and no allocation (the array grows, rarely, and
 * never shrinks). Instants are {@link System#nanoTime} values, compared by difference so the
 * counter may wrap. One thread.
 */
final class TimerHeap {
    private LoopTimer[] heap = new LoopTimer[256];
    private int size;

    void schedule(LoopTimer timer, long due) {
        if (timer.index >= 0) {
            long old = timer.due;
            timer.due = due;
            if (due - old < 0) {
                up(timer.index);
            } else {
                down(timer.index);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        timer.due = due;
        timer.index = size;
        heap[size++] = timer;
        up(timer.index);
    }

    void cancel(LoopTimer timer) {
        int i = timer.index;
        if (i < 0) {
            return;
        }
        timer.index = -1;
        LoopTimer last = heap[--size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            up(i);
            down(last.index);
        }
    }

    /** The earliest timer, or null. */
    LoopTimer first() {
        return size == 0 ? null : heap[0];
    }

    int size() {
        return size;
    }

    private void up(int i) {
        LoopTimer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            LoopTimer p = heap[parent];
            if (timer.due - p.due >= 0) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = timer;
        timer.index = i;
    }

    private void down(int i) {
        LoopTimer timer = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].due - heap[child].due < 0) {
                child = right;
            }
            if (heap[child].due - timer.due >= 0) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = timer;
        timer.index = i;
    }
}
