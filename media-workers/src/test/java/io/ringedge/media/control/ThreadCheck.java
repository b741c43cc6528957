package io.ringedge.media.control;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fails a test that leaves threads behind: every thread started during it must end with it, except
 * JVM-wide singletons started lazily by the first user (the virtual-thread scheduler, its delay
 * scheduler on JDK 25, whichever test first parks a virtual thread with a timeout, and its poller,
 * the common pool, Helidon's shared HTTP date timer), and Helidon 4.3.1's idle-connection timer,
 * which a stopped server never cancels and a JVM-wide registry keeps reachable
 * (helidon-io/helidon#11939, fixed after 4.3.1).
 */
final class ThreadCheck {

    private static final Set<String> JVM_WIDE_PREFIXES = Set.of("ForkJoinPool.commonPool", "ForkJoinPool-1-worker",
            "ForkJoinPool-1-delayScheduler",
            "process reaper", "Attach Listener", "MasterPoller", "VirtualThread-unblocker", "Read-Poller",
            "Write-Poller", "helidon-http-timer", "helidon-idle-connection-timer");

    private Set<Thread> before = Set.of();

    void snapshot() {
        before = Thread.getAllStackTraces().keySet();
    }

    void assertNoneLeaked() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<Thread> leaked;
        do {
            leaked = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .filter(t -> JVM_WIDE_PREFIXES.stream().noneMatch(t.getName()::startsWith))
                    .collect(Collectors.toSet());
            if (leaked.isEmpty()) {
                return;
            }

            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (System.nanoTime() < deadline);
        fail("threads left running: " + leaked.stream().map(Thread::getName).sorted().toList());
    }
}
