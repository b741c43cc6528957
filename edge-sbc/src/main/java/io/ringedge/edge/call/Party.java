package io.ringedge.edge.call;

import java.util.Objects;
import java.util.Optional;

/** One side of a call's dialogs: the PBX, or the device of one fork. */
public record Party(Optional<ForkId> fork) {

    private static final Party PBX = new Party(Optional.empty());

    public Party {
        Objects.requireNonNull(fork, "fork");
    }

    public static Party pbx() {
        return PBX;
    }

    public static Party device(ForkId fork) {
        return new Party(Optional.of(fork));
    }

    public boolean isPbx() {
        return fork.isEmpty();
    }

    @Override
    public String toString() {
        return fork.map(f -> "device " + f).orElse("PBX");
    }
}
