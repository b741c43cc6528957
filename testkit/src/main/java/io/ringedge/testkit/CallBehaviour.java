package io.ringedge.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What a test device does with an incoming INVITE. It always sends 100 Trying first; then, per
 * behaviour, 180 Ringing and a final response. A test can also act on a call by hand through
 * {@link DeviceCall#answer()} and {@link DeviceCall#reject(int)}.
 */
public sealed interface CallBehaviour {

    /**
     * Ring, then answer 200 with an SDP answer after {@code after}; if {@code hangUpAfter} is not
     * null, send BYE that long after the ACK (load devices). {@code sdp} null: a PCMU/PCMA answer.
     */
    record Answer(Duration after, String sdp, Duration hangUpAfter) implements CallBehaviour {
        public Answer {
            requireNonNegative(after);
            if (hangUpAfter != null) {
                requireNonNegative(hangUpAfter);
            }
        }
    }

    /** Respond {@code status} (4xx..6xx) after {@code after}; ring first when {@code after} is not zero. */
    record Reject(int status, Duration after) implements CallBehaviour {
        public Reject {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a rejection needs status 300..699, was " + status);
            }
            requireNonNegative(after);
        }
    }

    /** Ring and never answer: for ring timeouts, CANCEL and forks that lose the race. */
    record Ring() implements CallBehaviour {
    }

    static Answer answer(Duration after) {
        return new Answer(after, null, null);
    }

    static Answer answerNow() {
        return new Answer(Duration.ZERO, null, null);
    }

    /** Answer after {@code after}, then hang up {@code hold} after the ACK. */
    static Answer answerThenHangUp(Duration after, Duration hold) {
        return new Answer(after, null, Objects.requireNonNull(hold, "hold"));
    }

    static Reject busy() {
        return new Reject(486, Duration.ZERO);
    }

    static Reject decline() {
        return new Reject(603, Duration.ZERO);
    }

    static Reject reject(int status, Duration after) {
        return new Reject(status, after);
    }

    static Ring ringForever() {
        return new Ring();
    }

    private static void requireNonNegative(Duration d) {
        Objects.requireNonNull(d, "delay");
        if (d.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + d);
        }
    }
}
