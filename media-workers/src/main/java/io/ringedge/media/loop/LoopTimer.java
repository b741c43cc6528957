package io.ringedge.media.loop;

/**
 * A reusable timer of one {@link MediaLoop}: scheduling, moving or cancelling it allocates
 * nothing. It fires once per {@link #at}; a periodic owner schedules it again when it fires.
 * Loop thread only.
 */
public final class LoopTimer {
    /** What runs when the timer is due, with the loop's clock ({@link System#nanoTime}). */
    @FunctionalInterface
    public interface Task {
        void run(long nowNanos);
    }

    final MediaLoop loop;
    final FaultHandler owner;
    final Task task;
    long due;
    /** Position in the loop's heap, -1 when not scheduled. */
    int index = -1;
    /** The loop pass in which it last ran. */
    long ranInPass = -1;

    LoopTimer(MediaLoop loop, FaultHandler owner, Task task) {
        this.loop = loop;
        this.owner = owner;
        this.task = task;
    }

    /** (Re)schedules the timer for {@code dueNanos}; a past instant fires at the loop's next pass. */
    public void at(long dueNanos) {
        loop.timers.schedule(this, dueNanos);
    }

    public void cancel() {
        loop.timers.cancel(this);
    }

    public boolean scheduled() {
        return index >= 0;
    }
}
