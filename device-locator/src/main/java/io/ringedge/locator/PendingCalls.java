package io.ringedge.locator;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Pending calls shared by all edges (issue 3: a phone may wake on an edge that does not hold the call). */
public interface PendingCalls {

    enum Claim {
        /** this caller won (call, device): send the INVITE */
        CLAIMED,
        /** (call, device) was claimed or tried before: send nothing */
        ALREADY_CLAIMED,
        /** the call is over (released or past its deadline) */
        NO_SUCH_CALL
    }

    /**
     * Records the call until its deadline, with its already-tried devices. Holding the same call
     * again changes nothing (a redelivered event), and answers false. Does not wait for the store
     * (the edge's event consumer calls it): the stage fails with {@link LocatorUnavailableException}
     * when the store does; a deadline already past is refused at once ({@link IllegalArgumentException}).
     */
    CompletionStage<Boolean> hold(PendingCall call);

    Optional<PendingCall> find(String callId);

    /** Claims (call, device) atomically: of any number of racing claims, exactly one is {@link Claim#CLAIMED}. */
    Claim claim(String callId, String deviceId);

    /** What a woken device's attach on one edge finds: the call held there and claimed, or held elsewhere. */
    sealed interface Attach {

        /** The attaching edge holds the call (or no edge does: {@link Claim#NO_SUCH_CALL}); claimed as by {@link #claim}. */
        record HeldHere(Claim claim) implements Attach {
        }

        /** Another edge holds the call; nothing was claimed: that edge claims when it hears of the attach. */
        record HeldElsewhere(String holdingEdge) implements Attach {
        }
    }

    /**
     * For a device attaching on {@code edgeNode}: finds the call's holding edge and, when that is
     * {@code edgeNode}, claims (call, device) in the same step (one store round trip instead of a
     * find and a claim).
     */
    Attach attach(String callId, String deviceId, String edgeNode);

    /** The call ended (answered, cancelled, timed out): forget it. */
    void release(String callId);
}
