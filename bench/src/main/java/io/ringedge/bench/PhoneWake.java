package io.ringedge.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One wake as the phone saw it, a line of {@link WakePhones#WAKES_FILE}. Times are this machine's
 * wall clock, which every process of the benchmark shares; null where the wake never got there.
 *
 * @param pushed       the stand-in provider accepted the push (the phone reacts at once)
 * @param registerSent the phone's new WebSocket is open and its REGISTER leaves
 * @param registered   the REGISTER's final response arrived
 * @param invited      the call's INVITE arrived
 * @param outcome      {@code ok}, or what went wrong
 */
record PhoneWake(String callId, String provider, String user, Instant pushed, Instant registerSent, Instant registered,
                 Instant invited, String outcome) {

    static final String HEADER = "call_id,provider,user,pushed,register_sent,registered,invite_received,outcome";

    /** From the REGISTER leaving to the INVITE arriving: the edge's attach path plus two loopback hops. */
    Optional<Duration> registerToInvite() {
        return registerSent == null || invited == null ? Optional.empty() : Optional.of(Duration.between(registerSent, invited));
    }

    String csv() {
        return String.join(",", callId, provider, user, text(pushed), text(registerSent), text(registered), text(invited), outcome);
    }

    static PhoneWake parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("expected 8 fields, was " + f.length + ": " + line);
        }
        return new PhoneWake(f[0], f[1], f[2], time(f[3]), time(f[4]), time(f[5]), time(f[6]), f[7]);
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static Instant time(String s) {
        return s.isEmpty() ? null : Instant.parse(s);
    }
}
