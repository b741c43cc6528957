package io.ringedge.media.ice.internal;

import io.ringedge.media.ice.IceRole;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The check list of the one data stream (RFC 8445 §6.1.2) and its triggered-check queue
 * (§6.1.4.1). Bounded: RFC 8445 §6.1.2.5 caps the list (100 pairs by default), which also keeps a
 * flood of peer-reflexive addresses from growing it.
 */
public final class CheckList {
    public static final int MAX_PAIRS = 100;

    private final List<CandidatePair> pairs = new ArrayList<>();
    private final Deque<CandidatePair> triggered = new ArrayDeque<>();

    public Optional<CandidatePair> find(InetSocketAddress remote) {
        for (CandidatePair pair : pairs) {
            if (pair.remote().equals(remote)) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    public Optional<CandidatePair> byTransaction(byte[] transactionId) {
        for (CandidatePair pair : pairs) {
            if (pair.transactionId() != null && Arrays.equals(pair.transactionId(), transactionId)) {
                return Optional.of(pair);
            }
        }
        return Optional.empty();
    }

    /** Adds a pair unless the list is full; the list stays in descending priority. */
    public Optional<CandidatePair> add(CandidatePair pair) {
        if (pairs.size() >= MAX_PAIRS) {
            return Optional.empty();
        }
        pairs.add(pair);
        pairs.sort(Comparator.comparingLong(CandidatePair::priority).reversed());
        return Optional.of(pair);
    }

    /** RFC 8445 §7.3.1.4: a check to do before the ordinary ones. */
    public void trigger(CandidatePair pair) {
        if (!triggered.contains(pair)) {
            triggered.addLast(pair);
        }
    }

    /** The next pair to check: the triggered queue first, then the highest-priority Waiting pair (§6.1.4.2). */
    public Optional<CandidatePair> next(boolean ordinaryChecks) {
        while (!triggered.isEmpty()) {
            CandidatePair pair = triggered.pollFirst();
            if (pair.state() == PairState.WAITING) {
                return Optional.of(pair);
            }
        }
        if (!ordinaryChecks) {
            return Optional.empty();
        }
        return pairs.stream().filter(p -> p.state() == PairState.WAITING).findFirst();
    }

    public List<CandidatePair> inProgress() {
        return pairs.stream().filter(p -> p.state() == PairState.IN_PROGRESS).toList();
    }

    /** The highest-priority valid pair, the one a controlling agent nominates. */
    public Optional<CandidatePair> bestSucceeded() {
        return pairs.stream().filter(p -> p.state() == PairState.SUCCEEDED).findFirst();
    }

    /** After a role switch pair priorities change (G and D swap). */
    public void reprioritise(IceRole role) {
        pairs.forEach(p -> p.updatePriority(role));
        pairs.sort(Comparator.comparingLong(CandidatePair::priority).reversed());
    }

    public void clear() {
        pairs.clear();
        triggered.clear();
    }

    public int size() {
        return pairs.size();
    }
}
