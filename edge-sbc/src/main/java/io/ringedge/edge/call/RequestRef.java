package io.ringedge.edge.call;

import java.util.Objects;

/**
 * Names one received request (a BYE or CANCEL) that still needs its response. The adapter keeps
 * the server transaction under this name; the state machine answers it with
 * {@link CallEffect.AnswerRequest} and never sees the transaction itself.
 */
public record RequestRef(String value) {

    public RequestRef {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
