package io.ringedge.edge.call;

import io.ringedge.events.CallEvent;
import io.ringedge.events.Caller;
import io.ringedge.events.DevicesLocated.AttachedDevice;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Something the adapter must do for a call, in the order the state machine lists it. */
public sealed interface CallEffect {

    /**
     * A response without a body on the PBX's INVITE server transaction: 1xx, or a final failure.
     *
     * @param wake for a 180 sent while devices wake: the {@value #WAKE_HEADER} value, so the PBX
     *             (and whoever reads its logs) sees why the call rings before any phone does
     */
    record RespondToPbx(int status, String reason, Optional<Wake> wake) implements CallEffect {

        public static final String WAKE_HEADER = "X-Ringedge-Wake";

        /** The wake state a 180 reports. */
        public enum Wake {
            /** asleep devices are being pushed; none has attached yet */
            WAKING("waking"),
            /** a woken device attached and is being sent the INVITE */
            DEVICE_ATTACHED("device-attached");

            private final String headerValue;

            Wake(String headerValue) {
                this.headerValue = headerValue;
            }

            public String headerValue() {
                return headerValue;
            }
        }

        public RespondToPbx {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(wake, "wake");
            if (status < 100 || status > 699 || status / 100 == 2) {
                throw new IllegalArgumentException("1xx or 3xx-6xx expected, was " + status);
            }
        }

        public static RespondToPbx of(int status, String reason) {
            return new RespondToPbx(status, reason, Optional.empty());
        }

        /** RFC 3261 §13.3.1.1: a UAS may send any number of provisional responses; this one says why. */
        public static RespondToPbx ringingWhile(Wake wake) {
            return new RespondToPbx(180, "Ringing", Optional.of(wake));
        }
    }

    /**
     * A final failure on the PBX's INVITE that says why in a Warning header (RFC 3261 §20.43), e.g.
     * 488 with warn-code 305 "Incompatible media format" when no codec of its offer can be carried.
     */
    record RefusePbx(int status, String reason, int warnCode, String warning) implements CallEffect {
        public RefusePbx {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(warning, "warning");
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("3xx-6xx expected, was " + status);
            }
            if (warnCode < 300 || warnCode > 399) {
                throw new IllegalArgumentException("RFC 3261 §20.43 warn-codes are 3xx, was " + warnCode);
            }
        }
    }

    /**
     * 200 OK to the PBX's INVITE for the winning fork, with the SDP answer the media anchor made
     * of that device's answer ({@link MediaAnchor#answerToPbx}, applied before the 2xx became an input).
     */
    record AnswerPbx(ForkId fork, Optional<Sdp> sdp) implements CallEffect {
        public AnswerPbx {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** The final response to a received BYE or CANCEL. */
    record AnswerRequest(RequestRef request, int status, String reason) implements CallEffect {
        public AnswerRequest {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Send an INVITE to a device through the edge node holding its WebSocket flow, as a new leg
     * with its own Call-ID, tags, Via and Contact (topology hiding).
     *
     * @param offer the PBX's SDP as the state machine relays it; the adapter passes it through
     *              {@link MediaAnchor#offerToDevice} first
     */
    record InviteFork(ForkId fork, AttachedDevice device, Caller caller, Optional<Sdp> offer, Intent intent)
            implements CallEffect {

        public enum Intent {
            /** A live fork of a ringing call. */
            RING,
            /**
             * The call was already decided when the device attached: the INVITE only lets the
             * device close its incoming-call UI, so a CANCEL follows its first provisional response.
             */
            WITHDRAW
        }

        public InviteFork {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(offer, "offer");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /**
     * A device the call waits for is being woken: open its media now ({@link MediaAnchor#prepareForDevice}),
     * so that the INVITE it attaches for leaves without waiting for a media worker.
     */
    record PrepareMedia(String deviceId, Optional<Sdp> offer) implements CallEffect {
        public PrepareMedia {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(offer, "offer");
        }
    }

    /** CANCEL a fork's INVITE; only ever asked after the fork sent a provisional (RFC 3261 §9.1). */
    record CancelFork(ForkId fork) implements CallEffect {
        public CancelFork {
            Objects.requireNonNull(fork, "fork");
        }
    }

    /**
     * ACK a fork's 2xx (RFC 3261 §13.2.2.4: every 2xx is ACKed, even one that lost the race). The
     * winner's goes as soon as it wins, or, after a late-offer INVITE, with what the PBX's ACK
     * carried (passed through {@link MediaAnchor#ackToDevice}; see {@code AfterAnswer.deviceAckedAtAnswer}).
     */
    record AckFork(ForkId fork, Optional<Sdp> sdp) implements CallEffect {
        public AckFork {
            Objects.requireNonNull(fork, "fork");
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    record ByeFork(ForkId fork) implements CallEffect {
        public ByeFork {
            Objects.requireNonNull(fork, "fork");
        }
    }

    record ByePbx() implements CallEffect {
    }

    /** (Re)start a timer; it comes back as {@link CallInput.TimerFired} unless stopped first. */
    record StartTimer(CallTimer timer, Duration after) implements CallEffect {
        public StartTimer {
            Objects.requireNonNull(timer, "timer");
            Objects.requireNonNull(after, "after");
        }
    }

    record StopTimer(CallTimer timer) implements CallEffect {
        public StopTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /** Publish an event on the call's timeline; the publisher keeps per-call order. */
    record Publish(CallEvent event) implements CallEffect {
        public Publish {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Pass a mid-call SDP through the media anchor: {@code from}'s offer
     * ({@link MediaAnchor#reoffer}), or, when {@code answer}, {@code from}'s answer to the offer the
     * anchor made for it ({@link MediaAnchor#reanswer}). The result comes back as
     * {@link CallInput.MidCallMedia} for {@code request}.
     */
    record RenegotiateMedia(Party from, RequestRef request, Sdp sdp, boolean answer) implements CallEffect {
        public RenegotiateMedia {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** The other side refused the anchor's mid-call offer: the media stays as it was (RFC 3261 §14.1). */
    record AbandonRenegotiation() implements CallEffect {
    }

    /**
     * Send {@code method} in {@code to}'s dialog with {@code body}; its final response comes back as
     * {@link CallInput.MidCallAnswered} for {@code request}.
     */
    record RelayMidCall(Party to, RequestRef request, String method, Optional<MessageBody> body) implements CallEffect {
        public RelayMidCall {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * The final response to a mid-call request, with its body (a 2xx to a re-INVITE also gets our
     * Contact) and, for a refusal of ours, a Warning saying why (RFC 3261 §20.43, warn-code 399).
     */
    record AnswerMidCall(RequestRef request, int status, String reason, Optional<MessageBody> body,
                         Optional<String> warning) implements CallEffect {
        public AnswerMidCall {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(warning, "warning");
            if (status < 200 || status > 699) {
                throw new IllegalArgumentException("a final status is 200-699, was " + status);
            }
        }
    }

    /** ACK a 2xx to a re-INVITE we sent in {@code to}'s dialog (RFC 3261 §13.2.2.4, §14.1). */
    record AckMidCall(Party to, long cseq) implements CallEffect {
        public AckMidCall {
            Objects.requireNonNull(to, "to");
        }
    }
}
