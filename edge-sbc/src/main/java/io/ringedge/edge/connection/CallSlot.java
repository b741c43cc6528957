package io.ringedge.edge.connection;

/**
 * An admitted call's places in the edge's limits: one among the calls being set up (until it is
 * located) and, for a connection with a concurrent-call limit, one among that connection's calls
 * (until it ends). Each method may be called more than once; only the first call frees the place.
 */
public interface CallSlot {

    /** For calls no limit counts (edge-to-edge relays). */
    CallSlot NONE = new CallSlot() {
        @Override
        public void located() {
        }

        @Override
        public void release() {
        }
    };

    /** The call knows its devices: it no longer counts among the calls being set up. */
    void located();

    /** The call ended: frees every place it held, {@link #located()}'s too. */
    void release();
}
