package io.ringedge.edge.call;

import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.util.Objects;

/**
 * One device leg of a call and where its INVITE transaction stands.
 *
 * @param finalStatus the final non-2xx status the device answered (or its RFC 3261 stand-in:
 *                    408 for a timeout, 503 for a transport failure); 0 until then
 */
public record Fork(ForkId id, AttachedDevice device, Status status, int finalStatus) {

    public enum Status {
        /** INVITE sent, nothing heard back yet. */
        CALLING,
        /** A provisional response arrived, so the fork may now be cancelled. */
        PROCEEDING,
        /**
         * The fork must be cancelled but has sent no provisional response yet. RFC 3261 §9.1: the
         * CANCEL MUST NOT be sent before one arrives.
         */
        CANCEL_PENDING,
        /** CANCEL sent; waiting for the INVITE's final response (487, or a 2xx that raced it). */
        CANCELLED,
        /** This fork's 2xx won the call. */
        WON,
        /** Answered 2xx after the call was decided elsewhere: ACKed and sent BYE (RFC 3261 §13.2.2.4). */
        RELEASED,
        /** Ended with a final non-2xx response. */
        FAILED
    }

    public Fork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(status, "status");
    }

    static Fork calling(ForkId id, AttachedDevice device) {
        return new Fork(id, device, Status.CALLING, 0);
    }

    /** The INVITE to this device still awaits its final response. */
    public boolean pending() {
        return switch (status) {
            case CALLING, PROCEEDING, CANCEL_PENDING, CANCELLED -> true;
            case WON, RELEASED, FAILED -> false;
        };
    }

    Fork with(Status next) {
        return new Fork(id, device, next, finalStatus);
    }

    Fork failed(int status) {
        return new Fork(id, device, Status.FAILED, status);
    }
}
