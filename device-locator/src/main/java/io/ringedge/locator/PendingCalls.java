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

    /** The call ended (answered, cancelled, timed out): forget it. */
    void release(String callId);
}
