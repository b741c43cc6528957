package io.ringedge.media.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop's own contract: timer order, hand-over, fault isolation, the grid clock's skipping. */
class MediaLoopTest {
    private final MediaLoop loop = new MediaLoop("media-loop-test");

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void timersFireInDueOrderAndMovedOrCancelledOnesFollowTheirNewDue() throws Exception {
        List<String> fired = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.run(() -> {
            long now = System.nanoTime();
            LoopTimer c = loop.timer(f -> { }, t -> fired.add("c"));
            LoopTimer a = loop.timer(f -> { }, t -> fired.add("a"));
            LoopTimer b = loop.timer(f -> { }, t -> fired.add("b"));
            LoopTimer cancelled = loop.timer(f -> { }, t -> fired.add("cancelled"));
            LoopTimer last = loop.timer(f -> { }, t -> done.countDown());
            c.at(now + ms(5));
            a.at(now + ms(30));
            b.at(now + ms(20));
            cancelled.at(now + ms(10));
            a.at(now + ms(10)); // moved earlier
            c.at(now + ms(40)); // moved later
            cancelled.cancel();
            last.at(now + ms(60));
            assertFalse(cancelled.scheduled());
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("a", "b", "c"), fired);
    }

    @Test
    void callRunsOnTheLoopAndRethrowsWhatTheWorkThrew() {
        assertTrue(loop.call(loop::inLoop));
        assertFalse(loop.inLoop());
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> loop.call(() -> { throw new IllegalStateException("refused"); }));
        assertEquals("refused", thrown.getMessage());
    }

    @Test
    void aTimerThatThrowsGoesToItsOwnerAndTheLoopGoesOn() throws Exception {
        List<Throwable> faults = new CopyOnWriteArrayList<>();
        CountDownLatch otherFired = new CountDownLatch(3);
        loop.run(() -> {
            long now = System.nanoTime();
            loop.timer(faults::add, t -> { throw new AssertionError("codec assertion"); }).at(now);
            LoopTimer[] other = new LoopTimer[1];
            other[0] = loop.timer(f -> { }, t -> {
                otherFired.countDown();
                other[0].at(t + ms(5));
            });
            other[0].at(now + ms(1));
        });
        assertTrue(otherFired.await(5, TimeUnit.SECONDS));
        assertEquals(1, faults.size());
        assertEquals("codec assertion", faults.get(0).getMessage());
    }

    @Test
    void theGridClockKeepsItsPhaseAndSkipsWholeTicksAfterAStall() throws Exception {
        List<Long> ticks = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(8);
        long[] startMs = new long[1];
        loop.run(() -> {
            long now = System.nanoTime();
            startMs[0] = now / 1_000_000;
            GridClock clock = new GridClock(loop, f -> { }, Duration.ofMillis(20), tick -> {
                ticks.add(tick);
                enough.countDown();
                if (ticks.size() == 2) {
                    sleep(150); // a stall of more than five periods
                }
            });
            clock.start(now);
        });
        assertTrue(enough.await(5, TimeUnit.SECONDS));
        List<Long> seen = loop.call(() -> List.copyOf(ticks));
        long phase = (seen.get(0) - startMs[0]) % 20;
        boolean skipped = false;
        for (int i = 1; i < seen.size(); i++) {
            long step = seen.get(i) - seen.get(i - 1);
            assertTrue(step >= 19 && step % 20 <= 1 || step % 20 >= 19, "off the grid: " + seen);
            skipped |= step > 20 + 1;
        }
        assertTrue(skipped, "ticks skipped after the stall: " + seen);
        assertTrue(phase >= 19 || phase <= 1, "first tick one period after the start: " + seen);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
