package io.ringedge.edge.call;

import io.ringedge.events.CallEnded;
import io.ringedge.events.DevicesLocated;
import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.util.Objects;
import java.util.Optional;

/** Something that happened to a call: a SIP message on one of its legs, a Kafka event, a timer. */
public sealed interface CallInput {

    /**
     * An input about a device leg's INVITE, or about a device that may get one. Once the call is
     * decided, these follow the same rules in every state.
     */
    sealed interface ForkInput extends CallInput {
    }

    /** An input about a mid-call request (RFC 3261 §14, RFC 3311, RFC 6086): see {@link MidCallRules}. */
    sealed interface MidCallInput extends CallInput {
    }

    /**
     * A request inside a leg's dialog other than ACK, BYE and CANCEL: a re-INVITE, UPDATE, INFO ...
     * Its server transaction waits under {@code request} for the answer the state machine decides.
     */
    record MidCallRequest(Party from, RequestRef request, String method, Optional<MessageBody> body)
            implements MidCallInput {
        public MidCallRequest {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(body, "body");
        }
    }

    /** What the media anchor made of a mid-call offer or answer ({@link CallEffect.RenegotiateMedia}). */
    record MidCallMedia(RequestRef request, MediaAnchor.Renegotiated result) implements MidCallInput {
        public MidCallMedia {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The final response of the other side to a relayed mid-call request (or its RFC 3261
     * stand-in: 408 on timeout, 503 when it could not be sent). {@code cseq} is the relayed
     * request's, for the ACK of a 2xx to a re-INVITE.
     */
    record MidCallAnswered(Party to, RequestRef request, String method, long cseq, int status, String reason,
                           Optional<MessageBody> body) implements MidCallInput {
        public MidCallAnswered {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(body, "body");
            if (status < 200 || status > 699) {
                throw new IllegalArgumentException("a final status is 200-699, was " + status);
            }
        }
    }

    /** The device-locator answered {@code CallOffered} (possibly again: Kafka redelivers). */
    record Located(DevicesLocated devices) implements CallInput {
        public Located {
            Objects.requireNonNull(devices, "devices");
        }
    }

    /**
     * A device of the called user attached while the call may still need it (issue 3: a woken
     * phone registered). It becomes a new fork, or, once the call is decided, gets an INVITE that
     * is cancelled at once.
     */
    record DeviceAvailable(AttachedDevice device) implements ForkInput {
        public DeviceAvailable {
            Objects.requireNonNull(device, "device");
        }
    }

    /** A 1xx on a fork's INVITE (100 included: any provisional allows a CANCEL, RFC 3261 §9.1). */
    record ForkProvisional(ForkId fork, int status) implements ForkInput {
        public ForkProvisional {
            Objects.requireNonNull(fork, "fork");
            requireClass(status, 1);
        }
    }

    /** A 2xx on a fork's INVITE, with the device's SDP. */
    record ForkAnswered(ForkId fork, Optional<Sdp> sdp) implements ForkInput {
        public ForkAnswered {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /**
     * The media anchor could not give this fork an offer: the PBX's offer has nothing a media
     * worker can carry ({@code status} 488) or no worker could take the call (503). The INVITE
     * never left; since every fork would carry the same offer, the call fails with {@code status}.
     */
    record ForkMediaRefused(ForkId fork, int status, String reason) implements ForkInput {
        public ForkMediaRefused {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(reason, "reason");
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a refusal has a 4xx-6xx status, was " + status);
            }
        }
    }

    /**
     * A fork answered 2xx, but the media worker refused the device's SDP answer (or the fork's
     * media is gone): this device cannot carry the call. Its 2xx still needs an ACK, then a BYE.
     */
    record ForkAnswerRefused(ForkId fork, String reason) implements ForkInput {
        public ForkAnswerRefused {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The call's media died under it: its worker session failed (media timeout, consent lost, ICE
     * or DTLS failure) or its worker is gone. Both legs end with {@code cause}.
     */
    record MediaFailed(CallEnded.EndCause cause, String detail) implements CallInput {
        public MediaFailed {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A final non-2xx on a fork's INVITE, or its RFC 3261 stand-in: 408 when the transaction timed
     * out (§17.1.1.2), 503 when the transport failed (§8.1.3.1).
     */
    record ForkFailed(ForkId fork, int status) implements ForkInput {
        public ForkFailed {
            Objects.requireNonNull(fork, "fork");
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a failed fork has a 3xx-6xx status, was " + status);
            }
        }
    }

    /** The PBX's ACK for our 2xx (any SDP in it is the answer to a late offer). */
    record PbxAck(Optional<Sdp> sdp) implements CallInput {
        public PbxAck {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    record PbxCancel(RequestRef request) implements CallInput {
        public PbxCancel {
            Objects.requireNonNull(request, "request");
        }
    }

    record PbxBye(RequestRef request) implements CallInput {
        public PbxBye {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * The device's connection closed (its WebSocket flow is gone, RFC 7118 §5): nothing more will
     * come from it, nor reach it. A pending INVITE fails as on a transport error (RFC 3261
     * §8.1.3.1: 503); an established call ends as if the device had hung up.
     */
    record DeviceLost(ForkId fork) implements CallInput {
        public DeviceLost {
            Objects.requireNonNull(fork, "fork");
        }
    }

    record DeviceBye(ForkId fork, RequestRef request) implements CallInput {
        public DeviceBye {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(request, "request");
        }
    }

    record TimerFired(CallTimer timer) implements CallInput {
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    private static void requireClass(int status, int responseClass) {
        if (status / 100 != responseClass) {
            throw new IllegalArgumentException("expected a " + responseClass + "xx status, was " + status);
        }
    }
}
