package io.ringedge.media.rtp;

/**
 * A fixed set of {@link RtpPacket}s for one media thread, so the packet path does not allocate.
 * Not thread-safe by design: one thread owns a transport and its pool (house style §3).
 */
public final class RtpPacketPool {
    private final RtpPacket[] free;
    private int available;
    private long exhausted;

    public RtpPacketPool(int size) {
        free = new RtpPacket[size];
        for (int i = 0; i < size; i++) {
            free[i] = new RtpPacket();
        }
        available = size;
    }

    /** A packet with length 0, or null when all are in flight (the caller drops and the miss is counted). */
    public RtpPacket acquire() {
        if (available == 0) {
            exhausted++;
            return null;
        }
        RtpPacket packet = free[--available];
        free[available] = null;
        packet.setLength(0);
        return packet;
    }

    public void release(RtpPacket packet) {
        if (available == free.length) {
            throw new IllegalStateException("released more packets than the pool holds");
        }
        free[available++] = packet;
    }

    public int available() {
        return available;
    }

    /** How often {@link #acquire} found the pool empty. */
    public long exhausted() {
        return exhausted;
    }
}
