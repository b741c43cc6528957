package io.ringedge.edge.call.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one call's tasks one at a time, in submission order, on threads borrowed from a shared
 * executor: no thread per call and no lock shared between calls (STYLE.md rule 4). The
 * compare-and-set on {@code running} hands the call from one borrowed thread to the next, which
 * also makes each task's writes visible to the next task.
 */
final class SerialExecutor implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
    /** After this many tasks the thread goes back to the pool, so a busy call cannot starve others. */
    private static final int BATCH = 32;

    private final Executor shared;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    SerialExecutor(Executor shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        schedule();
    }

    private void schedule() {
        if (running.compareAndSet(false, true)) {
            try {
                shared.execute(this::drain);
            } catch (RuntimeException e) {
                // the shared executor refused (shut down): nothing will run this call's tasks any more
                running.set(false);
                throw e;
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // one broken step must not stop the call's later events (a BYE after it still ends the call)
                    LOG.error("call task failed", e);
                }
            }
        } finally {
            running.set(false);
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
