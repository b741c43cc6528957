package io.ringedge.media.loop;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * A periodic clock on a {@link MediaLoop}, such as a session's 20 ms media clock: ticks stay on
 * the grid set at {@link #start}, so each session keeps its own phase. A tick that is late is
 * still delivered (the loop catches up at once); after a stall of more than five periods the
 * missed ticks are skipped, not burst out, and {@code onTick} gets each tick's nominal instant,
 * so a jump of more than one period tells the owner how many frames were lost (RFC 3550 §5.1:
 * the transcoder moves sequence number and timestamp past them).
 */
public final class GridClock {
    private static final int MAX_CATCH_UP = 5;

    private final long period;
    private final LoopTimer timer;
    private final LongConsumer onTickMs;
    private long next;

    public GridClock(MediaLoop loop, FaultHandler owner, Duration period, LongConsumer onTickMs) {
        this.period = period.toNanos();
        this.onTickMs = onTickMs;
        this.timer = loop.timer(owner, this::fire);
    }

    /** First tick one period after {@code nowNanos}. Loop thread. */
    public void start(long nowNanos) {
        next = nowNanos + period;
        timer.at(next);
    }

    public void stop() {
        timer.cancel();
    }

    private void fire(long now) {
        if (now - next > MAX_CATCH_UP * period) {
            next += (now - next) / period * period;
        }
        long tick = next;
        next += period;
        timer.at(next);
        onTickMs.accept(tick / 1_000_000);
    }
}
