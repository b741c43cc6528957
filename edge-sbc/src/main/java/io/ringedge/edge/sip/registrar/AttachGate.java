package io.ringedge.edge.sip.registrar;

import io.ringedge.events.DeviceAttached;
import io.ringedge.push.AttachTokens;

import java.util.Optional;

/**
 * The registrar's side of waking a device. A woken device registers as usual (its device token in
 * {@code Authorization: Bearer}, RFC 8898 §2.3) and adds the single-use attach token from its push
 * in {@value #HEADER}. The device token says who it is; the attach token proves the push reached
 * it for that call. Both are needed: the attach token alone names neither tenant nor user, and a
 * device token alone must not pull a call to a device that was never woken for it.
 */
public final class AttachGate {

    /** Header carrying the attach token on a woken device's REGISTER. */
    public static final String HEADER = "X-Ringedge-Attach-Token";

    /** Tells the edge holding the call that its device is here (Redis pub/sub between edges). */
    @FunctionalInterface
    public interface Signal {
        /**
         * @param flowId  the WebSocket the device attached over, on {@code attached.edgeNode()}
         * @param contact the Contact it registered there
         */
        void attached(DeviceAttached attached, String flowId, String contact);
    }

    private final Optional<AttachTokens> tokens;
    private final AttachTokens.UsedTokens used;
    private final Signal signal;

    /** {@code tokens} empty: this edge has no {@code edge.attach-token-key} and refuses every attach token. */
    public AttachGate(Optional<AttachTokens> tokens, AttachTokens.UsedTokens used, Signal signal) {
        this.tokens = tokens;
        this.used = used;
        this.signal = signal;
    }

    /**
     * The call the token admits {@code deviceId} to, or why not (a 401 reason); marks the token used.
     * Only when {@link #enabled()}.
     */
    AttachTokens.Check check(String token, String deviceId) {
        return tokens.orElseThrow().verify(token, deviceId, used);
    }

    boolean enabled() {
        return tokens.isPresent();
    }

    void announce(DeviceAttached attached, String flowId, String contact) {
        signal.attached(attached, flowId, contact);
    }

    static String reason(AttachTokens.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> "malformed attach token";
            case BAD_SIGNATURE -> "bad attach token signature";
            case EXPIRED -> "attach token expired";
            case OTHER_DEVICE -> "attach token for another device";
            case REUSED -> "attach token already used";
        };
    }
}
