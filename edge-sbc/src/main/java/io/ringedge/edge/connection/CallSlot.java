package io.ringedge.edge.connection;

/**
 * A call's place in its connection's concurrent-call limit, held from admission until the call
 * ends. {@link #release()} may be called more than once; only the first frees the place.
 */
@FunctionalInterface
public interface CallSlot {

    /** For calls no connection limit counts (edge-to-edge relays). */
    CallSlot NONE = () -> {
    };

    void release();
}
