package io.ringedge.media.ice.internal;

import io.ringedge.media.ice.IceRole;
import java.net.InetSocketAddress;

/**
 * Our single local candidate paired with one remote transport address, with the state of its
 * connectivity check (at most one transaction at a time). Mutable, confined to the agent's thread.
 */
public final class CandidatePair {
    private final InetSocketAddress remote;
    private final long localPriority;
    private final long remotePriority;
    private long priority;
    private PairState state = PairState.WAITING;
    private boolean nominating;
    private boolean peerNominated;
    private byte[] transactionId;
    private int transmissions;
    private long rtoNanos;
    private long retransmitAtNanos;

    public CandidatePair(InetSocketAddress remote, long localPriority, long remotePriority, IceRole role) {
        this.remote = remote;
        this.localPriority = localPriority;
        this.remotePriority = remotePriority;
        updatePriority(role);
    }

    /** RFC 8445 §6.1.2.3: 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0), G the controlling side's priority. */
    public void updatePriority(IceRole role) {
        long g = role == IceRole.CONTROLLING ? localPriority : remotePriority;
        long d = role == IceRole.CONTROLLING ? remotePriority : localPriority;
        priority = (Math.min(g, d) << 32) + 2 * Math.max(g, d) + (g > d ? 1 : 0);
    }

    /** Starts a new transaction; the caller sends the check. */
    public void begin(byte[] transactionId, boolean nominating, long now, long initialRtoNanos) {
        this.transactionId = transactionId;
        this.nominating = nominating;
        this.state = PairState.IN_PROGRESS;
        this.transmissions = 1;
        this.rtoNanos = initialRtoNanos;
        this.retransmitAtNanos = now + initialRtoNanos;
    }

    /** Schedules the next retransmission with the doubled timeout (RFC 8489 §6.2.1). */
    public void retransmitted(long now, long maxRtoNanos) {
        transmissions++;
        rtoNanos = Math.min(2 * rtoNanos, maxRtoNanos);
        retransmitAtNanos = now + rtoNanos;
    }

    public void succeeded() {
        state = PairState.SUCCEEDED;
        transactionId = null;
    }

    public void failed() {
        state = PairState.FAILED;
        transactionId = null;
        nominating = false;
    }

    /** Back to Waiting, e.g. to repeat a check after a role switch (RFC 8445 §7.2.5.1). */
    public void retry(boolean nominate) {
        state = PairState.WAITING;
        transactionId = null;
        nominating = nominate;
    }

    public void peerNominated() {
        peerNominated = true;
    }

    public boolean isPeerNominated() {
        return peerNominated;
    }

    public boolean isNominating() {
        return nominating;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public long priority() {
        return priority;
    }

    public PairState state() {
        return state;
    }

    public byte[] transactionId() {
        return transactionId;
    }

    public int transmissions() {
        return transmissions;
    }

    public long retransmitAtNanos() {
        return retransmitAtNanos;
    }
}
