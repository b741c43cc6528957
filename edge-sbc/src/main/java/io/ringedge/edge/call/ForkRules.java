package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.AckFork;
import io.ringedge.edge.call.CallEffect.ByeFork;
import io.ringedge.edge.call.CallEffect.CancelFork;
import io.ringedge.edge.call.CallEffect.InviteFork;
import io.ringedge.edge.call.CallEffect.InviteFork.Intent;
import io.ringedge.edge.call.Fork.Status;
import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.util.List;
import java.util.Optional;

/**
 * How a fork's INVITE transaction moves, whatever the call's state. Each method returns the new
 * forks and appends the effects the move needs to {@code out}.
 */
final class ForkRules {

    private ForkRules() {
    }

    /** Fork a live INVITE to a device, unless it already has a fork in this call. */
    static Forks ring(Forks forks, CallContext call, AttachedDevice device, List<CallEffect> out) {
        return invite(forks, call, device, Intent.RING, Status.CALLING, out);
    }

    /**
     * The call was decided before this device attached: INVITE it anyway so its incoming-call UI
     * can close, and CANCEL as soon as §9.1 allows (its first provisional).
     */
    static Forks withdraw(Forks forks, CallContext call, AttachedDevice device, List<CallEffect> out) {
        return invite(forks, call, device, Intent.WITHDRAW, Status.CANCEL_PENDING, out);
    }

    private static Forks invite(Forks forks, CallContext call, AttachedDevice device, Intent intent,
                                Status status, List<CallEffect> out) {
        if (forks.hasDevice(device.deviceId())) {
            return forks;
        }
        ForkId id = forks.nextId(call.callId());
        out.add(new InviteFork(id, device, call.caller(), call.pbxOffer(), intent));
        return forks.add(id, device, status);
    }

    /** A 1xx: the fork may now be cancelled, and is, if that was wanted meanwhile (RFC 3261 §9.1). */
    static Forks provisional(Forks forks, ForkId id, List<CallEffect> out) {
        return forks.find(id).map(fork -> switch (fork.status()) {
            case CALLING -> forks.replace(fork.with(Status.PROCEEDING));
            case CANCEL_PENDING -> {
                out.add(new CancelFork(id));
                yield forks.replace(fork.with(Status.CANCELLED));
            }
            case PROCEEDING, CANCELLED, WON, RELEASED, FAILED -> forks;
        }).orElse(forks);
    }

    /**
     * A 2xx after the call was decided (or that raced our CANCEL): RFC 3261 §13.2.2.4 wants every
     * 2xx ACKed; the B2BUA then ends that dialog with BYE. A retransmitted 2xx of a fork that is
     * already done changes nothing (the adapter's dialog re-sends the ACK).
     */
    static Forks lateAnswer(Forks forks, ForkId id, List<CallEffect> out) {
        return forks.find(id).filter(Fork::pending).map(fork -> {
            out.add(new AckFork(id, Optional.empty()));
            out.add(new ByeFork(id));
            return forks.replace(fork.with(Status.RELEASED));
        }).orElse(forks);
    }

    /**
     * A 2xx whose SDP answer the media worker refused: ACKed (§13.2.2.4) and ended with BYE at once;
     * the fork counts as failed with 488, so the call goes on with the others.
     */
    static Forks answerRefused(Forks forks, ForkId id, List<CallEffect> out) {
        return forks.find(id).filter(Fork::pending).map(fork -> {
            out.add(new AckFork(id, Optional.empty()));
            out.add(new ByeFork(id));
            return forks.replace(fork.failed(488));
        }).orElse(forks);
    }

    static Forks failed(Forks forks, ForkId id, int status) {
        return forks.find(id).filter(Fork::pending).map(fork -> forks.replace(fork.failed(status))).orElse(forks);
    }

    /** Cancel every pending fork: now if it sent a provisional, else after its first one (§9.1). */
    static Forks cancelAll(Forks forks, List<CallEffect> out) {
        Forks next = forks;
        for (Fork fork : forks.all()) {
            switch (fork.status()) {
                case PROCEEDING -> {
                    out.add(new CancelFork(fork.id()));
                    next = next.replace(fork.with(Status.CANCELLED));
                }
                case CALLING -> next = next.replace(fork.with(Status.CANCEL_PENDING));
                case CANCEL_PENDING, CANCELLED, WON, RELEASED, FAILED -> {
                }
            }
        }
        return next;
    }

    /** Fork inputs and late devices once the call is decided (answered or ended). */
    static Forks afterDecision(Forks forks, CallContext call, CallInput.ForkInput input, List<CallEffect> out) {
        return switch (input) {
            case CallInput.ForkProvisional p -> provisional(forks, p.fork(), out);
            case CallInput.ForkAnswered a -> lateAnswer(forks, a.fork(), out);
            case CallInput.ForkFailed f -> failed(forks, f.fork(), f.status());
            case CallInput.ForkMediaRefused m -> failed(forks, m.fork(), m.status());
            case CallInput.ForkAnswerRefused r -> lateAnswer(forks, r.fork(), out);
            case CallInput.DeviceAvailable d -> withdraw(forks, call, d.device(), out);
        };
    }
}
