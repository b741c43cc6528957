package io.ringedge.edge.call;

import io.ringedge.edge.call.CallEffect.Publish;
import io.ringedge.edge.call.CallEffect.RespondToPbx;
import io.ringedge.edge.call.CallEffect.StartTimer;
import io.ringedge.edge.call.CallState.Answered;
import io.ringedge.edge.call.CallState.Connected;
import io.ringedge.edge.call.CallState.Ended;
import io.ringedge.edge.call.CallState.Offered;
import io.ringedge.edge.call.CallState.Ringing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The inbound call as a back-to-back user agent (RFC 3261 §6, "B2BUA"): a pure function from a
 * state and an input to the next state and the effects to carry out. It performs no I/O, reads
 * no clock (time is the {@code now} argument) and keeps nothing between calls, so it can be
 * tested as a table and any thread may run it, as long as one call's inputs run one at a time.
 * Inputs that do not fit the state are ignored or answered (481, or 200 to a CANCEL that came too
 * late, RFC 3261 §9.2); none throws.
 */
public final class InboundCallMachine {

    private final CallConfig config;
    private final BeforeAnswer beforeAnswer;
    private final AfterAnswer afterAnswer;

    public InboundCallMachine(CallConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.beforeAnswer = new BeforeAnswer(config);
        this.afterAnswer = new AfterAnswer();
    }

    /**
     * A PBX's INVITE was admitted and routed. 100 Trying goes out at once (RFC 3261 §8.2.6.1: the
     * locate step may take longer than 200 ms), then {@code CallOffered}, which sets the
     * device-locator looking; the ring timeout runs from here.
     */
    public Transition start(CallContext call) {
        return new Transition(new Offered(call), List.of(
                RespondToPbx.of(100, "Trying"),
                new Publish(call.offered()),
                new StartTimer(CallTimer.RING, config.ringTimeout())));
    }

    public Transition next(CallState state, CallInput input, Instant now) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        return switch (state) {
            case Offered s -> beforeAnswer.offered(s, input, now);
            case Ringing s -> beforeAnswer.ringing(s, input, now);
            case Answered s -> afterAnswer.answered(s, input, now);
            case Connected s -> afterAnswer.connected(s, input, now);
            case Ended s -> afterAnswer.ended(s, input);
        };
    }
}
