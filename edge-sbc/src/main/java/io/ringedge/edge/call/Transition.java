package io.ringedge.edge.call;

import java.util.List;
import java.util.Objects;

/** The result of one step: the call's next state and what to do, in order. */
public record Transition(CallState state, List<CallEffect> effects) {

    public Transition {
        Objects.requireNonNull(state, "state");
        effects = List.copyOf(effects);
    }

    /** No change and nothing to do: how a late or misplaced input is ignored. */
    public static Transition stay(CallState state) {
        return new Transition(state, List.of());
    }
}
