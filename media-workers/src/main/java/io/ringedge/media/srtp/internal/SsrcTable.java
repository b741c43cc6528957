package io.ringedge.media.srtp.internal;

/**
 * Open-addressing map from SSRC to per-stream state, without boxing the key: the lookup on every
 * packet allocates nothing. A call has a handful of SSRCs, so the table starts small; it only
 * grows (allocating) when a new stream is authenticated.
 */
public final class SsrcTable<T> {
    private int[] keys = new int[8];
    private Object[] values = new Object[8];
    private int size;

    /** The state of {@code ssrc}, or null. */
    @SuppressWarnings("unchecked")
    public T get(int ssrc) {
        int mask = keys.length - 1;
        for (int slot = hash(ssrc) & mask; values[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot] == ssrc) {
                return (T) values[slot];
            }
        }
        return null;
    }

    /** Adds the state of a new {@code ssrc} (one not in the table) and returns it. */
    public T add(int ssrc, T state) {
        if (get(ssrc) != null) {
            throw new IllegalStateException("SSRC " + Integer.toUnsignedString(ssrc) + " already has state");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(ssrc, state);
        size++;
        return state;
    }

    public int size() {
        return size;
    }

    private void insert(int ssrc, Object value) {
        int mask = keys.length - 1;
        int slot = hash(ssrc) & mask;
        while (values[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = ssrc;
        values[slot] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(int ssrc) {
        int h = ssrc * 0x9E37_79B9;
        return h ^ (h >>> 16);
    }
}
