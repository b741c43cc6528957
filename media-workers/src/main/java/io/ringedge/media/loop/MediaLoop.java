package io.ringedge.media.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One media I/O thread: a platform thread that waits in {@link Selector#select(Consumer, long)} on
 * its non-blocking UDP channels until a datagram arrives, its earliest {@link LoopTimer} is due or
 * another thread hands it work ({@link #execute}, {@link #call}). Each pass runs the handed-over
 * work, then the due timers, then the handlers of the ready channels.
 *
 * <p>Nothing here allocates per packet: datagrams go through one direct buffer each way (the JDK
 * would otherwise copy through a temporary direct buffer per call), the selector is asked for
 * ready keys through a callback (no selected-key set to fill), and timers live in an indexed heap.
 *
 * <p>A throwable escaping a handler, timer or task goes to the {@link FaultHandler} of its owner
 * (which ends that session with cause {@code internal-error}) and never ends the thread: it serves
 * every other session pinned to it.
 */
public final class MediaLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaLoop.class);
    /** Larger than any datagram we accept (1500), so an oversized one shows as such rather than wrapping. */
    private static final int BUFFER = 2048;
    /** How often a caller waiting in {@link #call} checks that the loop is still alive. */
    private static final long CALL_CHECK_MILLIS = 1000;

    final TimerHeap timers = new TimerHeap();
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final ByteBuffer rx = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(BUFFER);
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final AtomicInteger pinned = new AtomicInteger();
    private volatile boolean running = true;
    private InetSocketAddress source;
    private long passes;
    /** True while the selector hands out ready keys: it must not be entered again from a handler. */
    private boolean selecting;

    public MediaLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        thread.start();
    }

    /** A channel's readiness handler, run on the loop with the owner that answers for its faults. */
    public static final class Registration {
        private final SelectionKey key;
        private final FaultHandler owner;
        private final Runnable onReadable;

        private Registration(SelectionKey key, FaultHandler owner, Runnable onReadable) {
            this.key = key;
            this.owner = owner;
            this.onReadable = onReadable;
        }

        /** Stops watching the channel (it stays open). Loop thread. */
        public void cancel() {
            key.cancel();
        }
    }

    /**
     * Watches a non-blocking {@code channel}: {@code onReadable} runs on this loop whenever a
     * datagram waits, and should read one with {@link #receive}. One, not until the channel is
     * empty: a media socket gets a packet every 20 ms, so reading on would mostly cost one more
     * system call to learn that nothing waits; the selector (level-triggered) reports a channel
     * that still holds datagrams again at once, and serves the other channels in between.
     * Loop thread only.
     */
    public Registration register(DatagramChannel channel, FaultHandler owner, Runnable onReadable) {
        requireLoopThread();
        try {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            Registration registration = new Registration(key, owner, onReadable);
            key.attach(registration);
            return registration;
        } catch (ClosedChannelException e) {
            throw new IllegalStateException("channel closed before it was registered", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A timer on this loop; {@code task} runs on it, its faults go to {@code owner}. */
    public LoopTimer timer(FaultHandler owner, LoopTimer.Task task) {
        return new LoopTimer(this, owner, task);
    }

    /**
     * Receives one waiting datagram into {@code into[offset, offset + capacity)}: its length
     * (truncated to {@code capacity}), or -1 when none waits. Its source is {@link #source()}
     * until the next receive. Loop thread only.
     */
    public int receive(DatagramChannel channel, byte[] into, int offset, int capacity) throws IOException {
        rx.clear();
        SocketAddress from = channel.receive(rx);
        if (from == null) {
            return -1;
        }
        source = (InetSocketAddress) from;
        int length = Math.min(rx.position(), capacity);
        rx.flip();
        rx.get(into, offset, length);
        return length;
    }

    /** The source of the datagram {@link #receive} returned last (the JDK reuses the object per peer). */
    public InetSocketAddress source() {
        return source;
    }

    /** Sends {@code buf[offset, offset + length)} to {@code to}; false if it did not go. Loop thread only. */
    public boolean send(DatagramChannel channel, byte[] buf, int offset, int length, InetSocketAddress to) {
        tx.clear();
        tx.put(buf, offset, length).flip();
        try {
            return channel.send(tx, to) == length;
        } catch (IOException e) {
            return false; // closed under us, or the host refused: media is lossy anyway
        }
    }

    /**
     * Lets the selector drop the keys of channels closed on this loop now, rather than at its next
     * wake-up: a closed channel's descriptor (and port) is only released then, and a released port
     * should be free at once for the next session or a check. Loop thread; a no-op inside a handler.
     */
    public void settle() {
        requireLoopThread();
        if (selecting) {
            return; // the select under way drops them
        }
        try {
            selecting = true;
            selector.selectNow(onSelected);
        } catch (IOException e) {
            LOG.debug("settling {}: {}", thread.getName(), e.toString());
        } finally {
            selecting = false;
        }
    }

    /** Runs {@code task} on the loop soon, after what was handed over before it. Any thread. */
    public void execute(FaultHandler owner, Runnable task) {
        inbox.add(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                fault(owner, e);
            }
        });
        selector.wakeup();
    }

    /**
     * Runs {@code work} on the loop and waits for its result; what it throws is thrown here. On
     * the loop thread itself, or once the loop has stopped, it runs at once.
     */
    public <T> T call(Supplier<T> work) {
        if (inLoop() || !thread.isAlive()) {
            return work.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        inbox.add(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        selector.wakeup();
        while (true) {
            try {
                return result.get(CALL_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!thread.isAlive()) {
                    runInbox(); // stopped after our task was queued: nobody else will run it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) e.getCause();
            }
        }
    }

    /** {@link #call} for work with no result. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Sessions pinned here now, for {@link MediaLoops} to balance. */
    public int pinned() {
        return pinned.get();
    }

    void pin() {
        pinned.incrementAndGet();
    }

    /** The owner of a pinned session lets go of this loop when the session closes. */
    public void unpin() {
        pinned.decrementAndGet();
    }

    /** Stops the thread (after the work already handed over) and closes the selector; not the channels. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (running) {
                runInbox();
                runTimers(System.nanoTime());
                select();
            }
            runInbox();
        } finally {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector of {}: {}", thread.getName(), e.toString());
            }
        }
    }

    private void select() {
        selecting = true;
        try {
            LoopTimer first = timers.first();
            if (!inbox.isEmpty()) {
                selector.selectNow(onSelected);
            } else if (first == null) {
                selector.select(onSelected, 0); // until a datagram or a wakeup
            } else {
                long wait = first.due - System.nanoTime();
                if (wait <= 0) {
                    selector.selectNow(onSelected);
                } else {
                    // rounded up: waking before the timer would only spin; Selector counts milliseconds
                    selector.select(onSelected, (wait + 999_999) / 1_000_000);
                }
            }
        } catch (ClosedSelectorException e) {
            running = false;
        } catch (IOException e) {
            LOG.error("select failed on {}", thread.getName(), e);
        } finally {
            selecting = false;
        }
    }

    private void onSelected(SelectionKey key) {
        Registration registration = (Registration) key.attachment();
        try {
            registration.onReadable.run();
        } catch (CancelledKeyException e) {
            // the owner closed the channel while reading it
        } catch (RuntimeException | Error e) {
            fault(registration.owner, e);
        }
    }

    /**
     * Runs every timer due by {@code now}, each at most once per pass: a timer that schedules
     * itself again at or before {@code now} (a media clock catching up after a stall) waits for the
     * next pass, so the datagrams that arrived meanwhile are read between its ticks.
     */
    private void runTimers(long now) {
        long pass = ++passes;
        for (LoopTimer timer = timers.first(); timer != null && timer.due - now <= 0 && timer.ranInPass != pass;
             timer = timers.first()) {
            timers.cancel(timer);
            timer.ranInPass = pass;
            try {
                timer.task.run(now);
            } catch (RuntimeException | Error e) {
                fault(timer.owner, e);
            }
        }
    }

    private void runInbox() {
        for (Runnable task = inbox.poll(); task != null; task = inbox.poll()) {
            task.run(); // wrapped: never throws
        }
    }

    private void fault(FaultHandler owner, Throwable fault) {
        LOG.error("media code on {} threw; its session ends, the thread goes on", thread.getName(), fault);
        try {
            owner.onFault(fault);
        } catch (RuntimeException | Error e) {
            LOG.error("the fault handler on {} threw too", thread.getName(), e);
        }
    }

    private void requireLoopThread() {
        if (!inLoop()) {
            throw new IllegalStateException("not on " + thread.getName() + " but " + Thread.currentThread().getName());
        }
    }
}
