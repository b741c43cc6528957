package io.ringedge.edge.call;

import java.util.Objects;

/**
 * One fork of a call: the device leg the B2BUA created for one device. Unique within its call and
 * assigned by the state machine, so transitions stay deterministic.
 */
public record ForkId(String value) {

    public ForkId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
