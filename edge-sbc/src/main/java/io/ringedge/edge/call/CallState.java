package io.ringedge.edge.call;

import io.ringedge.events.CallEnded;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where one inbound call stands: a value, replaced by {@link InboundCallMachine#next} at every
 * step. The PBX leg is the UAS side (we answer its INVITE); each fork is a UAC leg to one device.
 *
 * <pre>
 *  Offered ──DevicesLocated / DeviceAvailable──▶ Ringing ──first 2xx──▶ Answered ──ACK──▶ Connected
 *     │                                            │                      │                  │
 *     └── CANCEL, BYE, no devices, ring timeout ───┴── all forks failed ──┴─ BYE, ACK timeout ┴─ BYE ─▶ Ended
 * </pre>
 */
public sealed interface CallState {

    CallContext call();

    Forks forks();

    /** 100 Trying sent and {@code CallOffered} published; waiting to learn where the devices are. */
    record Offered(CallContext call) implements CallState {

        public Offered {
            Objects.requireNonNull(call, "call");
        }

        @Override
        public Forks forks() {
            return Forks.none();
        }
    }

    /**
     * Forks are out, or devices are still expected.
     *
     * @param located      {@code DevicesLocated} has arrived (a device may attach before it does)
     * @param awaiting     asleep devices that may still attach (issue 3: woken by push); while any
     *                     is awaited, the call does not give up before the ring timeout
     * @param ringbackSent 180 Ringing already went to the PBX (it is sent once)
     */
    record Ringing(CallContext call, Forks forks, boolean located, Set<String> awaiting, boolean ringbackSent)
            implements CallState {

        public Ringing {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(forks, "forks");
            awaiting = Set.copyOf(awaiting);
        }
    }

    /**
     * A device's 2xx won and 200 OK went to the PBX; its ACK has not arrived. The winner is not yet
     * ACKed: the PBX's ACK is relayed to it (it carries the SDP answer after a late offer).
     *
     * @param calleeHungUp the device sent BYE already; RFC 3261 §15 forbids our BYE to the PBX
     *                     before its ACK, so it waits for the ACK (or the ACK timeout)
     */
    record Answered(CallContext call, Forks forks, ForkId winner, Instant answeredAt, boolean calleeHungUp)
            implements CallState {

        public Answered {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(forks, "forks");
            Objects.requireNonNull(winner, "winner");
            Objects.requireNonNull(answeredAt, "answeredAt");
        }
    }

    /**
     * Both legs confirmed; the call is up.
     *
     * @param midCall the mid-call request being carried through, if any (one at a time)
     */
    record Connected(CallContext call, Forks forks, ForkId winner, Instant answeredAt, Optional<MidCall> midCall)
            implements CallState {

        public Connected {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(forks, "forks");
            Objects.requireNonNull(winner, "winner");
            Objects.requireNonNull(answeredAt, "answeredAt");
            Objects.requireNonNull(midCall, "midCall");
        }

        public Connected(CallContext call, Forks forks, ForkId winner, Instant answeredAt) {
            this(call, forks, winner, answeredAt, Optional.empty());
        }

        public Connected with(Forks next) {
            return new Connected(call, next, winner, answeredAt, midCall);
        }

        public Connected with(Optional<MidCall> next) {
            return new Connected(call, forks, winner, answeredAt, next);
        }
    }

    /**
     * The call is over ({@code outcome} was published). Forks whose INVITE is still pending are
     * being cleaned up: CANCEL after their first provisional, ACK + BYE if they answer anyway. A
     * device that attaches now gets an INVITE that is cancelled at once, never a live call.
     *
     * @param winner the device leg that was connected, if the call was answered
     */
    record Ended(CallContext call, Forks forks, Optional<ForkId> winner, CallEnded outcome) implements CallState {

        public Ended {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(forks, "forks");
            Objects.requireNonNull(winner, "winner");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Every fork's INVITE has its final response: nothing more can happen on any leg. */
        public boolean settled() {
            return forks.nonePending();
        }
    }
}
