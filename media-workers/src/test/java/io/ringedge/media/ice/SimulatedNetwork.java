package io.ringedge.media.ice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Agents wired to each other in memory with a clock the test steps: no sockets, no sleeps, the
 * same result every run. Each step delivers everything in flight (answers included), then ticks
 * every agent, then advances the clock by 5 ms.
 */
final class SimulatedNetwork {
    static final long STEP_NANOS = Duration.ofMillis(5).toNanos();

    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {
    }

    final class Node {
        final InetSocketAddress address;
        final IceAgent agent;
        final IceCounters counters = new IceCounters();
        final List<IceEvent> events = new ArrayList<>();

        Node(InetSocketAddress address, IceRole role, long tieBreaker, IceTiming timing) {
            this.address = address;
            this.agent = new IceAgent(role, tieBreaker, IceCredentials.random(), address, timing,
                    (data, to) -> inFlight.add(new Datagram(address, to, data)), events::add, counters,
                    new SplittableRandom(tieBreaker));
        }

        boolean selected() {
            return events.stream().anyMatch(IceEvent.Selected.class::isInstance);
        }

        <T extends IceEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private final Map<InetSocketAddress, Node> nodes = new LinkedHashMap<>();
    private final Deque<Datagram> inFlight = new ArrayDeque<>();
    private Predicate<Datagram> lost = d -> false;
    /** Datagrams sent to addresses where no agent listens, e.g. answers to injected requests. */
    final List<Datagram> undeliverable = new ArrayList<>();
    long now = 1_000_000_000L;

    Node node(String ip, int port, IceRole role, long tieBreaker, IceTiming timing) {
        InetSocketAddress address = new InetSocketAddress(ip, port);
        Node node = new Node(address, role, tieBreaker, timing);
        nodes.put(address, node);
        return node;
    }

    void lose(Predicate<Datagram> rule) {
        this.lost = rule;
    }

    /** Injects a datagram as if it came from {@code from}. */
    void inject(InetSocketAddress from, Node to, byte[] data) {
        inFlight.add(new Datagram(from, to.address, data));
    }

    void step() {
        while (!inFlight.isEmpty()) {
            Datagram d = inFlight.poll();
            Node target = nodes.get(d.to());
            if (target == null) {
                undeliverable.add(d);
            } else if (!lost.test(d)) {
                target.agent.onStun(d.data(), 0, d.data().length, d.from(), now);
            }
        }
        nodes.values().forEach(n -> n.agent.tick(now));
        now += STEP_NANOS;
    }

    /** Steps until {@code done}; fails if that takes longer than {@code limit} of simulated time. */
    Duration runUntil(BooleanSupplier done, Duration limit) {
        long start = now;
        while (!done.getAsBoolean()) {
            if (now - start > limit.toNanos()) {
                throw new AssertionError("not done within " + limit + " of simulated time");
            }
            step();
        }
        return Duration.ofNanos(now - start);
    }

    void run(Duration duration) {
        long end = now + duration.toNanos();
        while (now < end) {
            step();
        }
    }
}
