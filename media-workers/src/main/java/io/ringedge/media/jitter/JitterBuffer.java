package io.ringedge.media.jitter;

/**
 * An adaptive jitter buffer for one received stream of 20 ms frames, for the transcoding path.
 * Packets go in as they arrive ({@link #offer}); a 20 ms clock takes one frame out per tick
 * ({@link #poll}). Time is passed in, so tests step it without sleeping.
 *
 * <p>Frames are placed by RTP timestamp, not sequence number: with DTX (RFC 7587 §3.1.3) a sender
 * stops sending during silence and the timestamp jumps while the sequence number does not, so only
 * the timestamp says when a frame plays. The slots are preallocated; offering and polling copy
 * into and lend out those arrays and never allocate.
 *
 * <p>Delay adapts to the network: {@link DelayEstimator} gives the jitter seen over the last two
 * seconds, the target is that jitter rounded up to whole frames, within the configured bounds (the
 * lower bound is the safety margin). The playout point is compared with where the fastest packet would put it; when it lags
 * more than a frame beyond the target one frame is skipped (compress), when it lags less than the
 * target one concealed frame is inserted (stretch). One frame per tick, so changes are gradual.
 *
 * <p>Single-threaded: the call's media thread offers and polls. A frame lent by {@link #poll} stays
 * valid until the next call on this buffer.
 */
public final class JitterBuffer {
    /** Five seconds: a packet later than that is not delayed but from another timeline. */
    private static final int RESYNC_FRAMES = 250;

    private final JitterSettings settings;
    private final int frameTs;
    private final int capacity;
    private final byte[][] payloads;
    private final int[] lengths;
    private final long[] frames;
    private final DelayEstimator delay = new DelayEstimator();

    private boolean started;
    private boolean playing;
    private long baseTs;
    private long newestTs;
    private long nextFrame;

    private int polledSlot = -1;
    private int followingSlot = -1;
    private long polledFrame;

    private final JitterCounters counters = new JitterCounters();

    public JitterBuffer(JitterSettings settings, int maxPayload) {
        this.settings = settings;
        this.frameTs = settings.timestampPerFrame();
        this.capacity = settings.capacityFrames();
        this.payloads = new byte[capacity][maxPayload];
        this.lengths = new int[capacity];
        this.frames = new long[capacity];
        java.util.Arrays.fill(frames, Long.MIN_VALUE);
    }

    /**
     * Offers one received RTP payload with its header's timestamp. The sequence number is not
     * needed: the timestamp orders frames, finds duplicates and places the DTX gaps.
     */
    public Arrival offer(byte[] buf, int offset, int length, long timestamp, long nowMs) {
        if (length > payloads[0].length) {
            counters.oversize++;
            return Arrival.OVERSIZE;
        }
        Arrival verdict = Arrival.ACCEPTED;
        if (!started) {
            restart(timestamp);
        }
        long frame = frameOf(timestamp);
        if (frame >= nextFrame + capacity || frame <= nextFrame - RESYNC_FRAMES) {
            // Too far ahead to store, or seconds behind: a new source behind the same SSRC or a
            // sender clock reset, not network delay.
            counters.resyncs++;
            restart(timestamp);
            frame = 0;
            verdict = Arrival.RESYNC;
        }
        delay.add(nowMs, mediaMs(frame));
        if (playing && frame < nextFrame) {
            counters.late++;
            return Arrival.LATE;
        }
        int slot = slotOf(frame);
        if (frames[slot] == frame) {
            counters.duplicates++;
            return Arrival.DUPLICATE;
        }
        System.arraycopy(buf, offset, payloads[slot], 0, length);
        lengths[slot] = length;
        frames[slot] = frame;
        if (!playing) {
            nextFrame = Math.min(nextFrame, frame);
        }
        counters.accepted++;
        return verdict;
    }

    /** Takes the frame due at this 20 ms tick. */
    public Playout poll(long nowMs) {
        polledSlot = -1;
        followingSlot = -1;
        if (!started) {
            return Playout.BUFFERING;
        }
        long lag = dueFrame(nowMs) - nextFrame;
        int target = targetFrames();
        if (!playing) {
            if (lag < target) {
                return Playout.BUFFERING;
            }
            playing = true;
        } else if (lag < target) {
            // An inserted frame: the next packet holds no FEC for it, so no following frame is lent.
            counters.stretched++;
            polledFrame = nextFrame - 1;
            return Playout.MISSING;
        } else if (lag > target + 1) {
            counters.compressed++;
            discard(nextFrame++);
        }
        polledFrame = nextFrame++;
        int slot = slotOf(polledFrame);
        if (frames[slot] != polledFrame) {
            counters.concealed++;
            return missing();
        }
        frames[slot] = Long.MIN_VALUE;
        polledSlot = slot;
        counters.played++;
        return Playout.FRAME;
    }

    private Playout missing() {
        int following = slotOf(polledFrame + 1);
        if (frames[following] == polledFrame + 1) {
            followingSlot = following;
        }
        return Playout.MISSING;
    }

    /** The playout delay the buffer currently aims for, in ms. */
    public int targetDelayMs() {
        return targetFrames() * JitterSettings.FRAME_MS;
    }

    public JitterCounters counters() {
        return counters;
    }

    /** RTP timestamp of the frame last polled (also for a missing one). */
    public long timestamp() {
        return (baseTs + polledFrame * frameTs) & 0xFFFF_FFFFL;
    }

    /** Payload of the last {@link Playout#FRAME}. */
    public byte[] payload() {
        return payloads[polledSlot];
    }

    public int payloadLength() {
        return lengths[polledSlot];
    }

    /**
     * Whether the frame after a {@link Playout#MISSING} one is already here: its packet may carry
     * in-band FEC for the missing frame (RFC 6716 §2.1.7). It stays buffered and plays next tick.
     */
    public boolean hasFollowing() {
        return followingSlot >= 0;
    }

    public byte[] followingPayload() {
        return payloads[followingSlot];
    }

    public int followingLength() {
        return lengths[followingSlot];
    }

    private int targetFrames() {
        long jitterFrames = (delay.peakJitter() + JitterSettings.FRAME_MS - 1) / JitterSettings.FRAME_MS;
        return (int) Math.max(settings.minFrames(), Math.min(settings.maxFrames(), jitterFrames));
    }

    /** The newest frame a packet with the window's fastest transit would have delivered by now. */
    private long dueFrame(long nowMs) {
        return Math.floorDiv(nowMs - delay.minTransit(), JitterSettings.FRAME_MS);
    }

    private void restart(long timestamp) {
        java.util.Arrays.fill(frames, Long.MIN_VALUE);
        delay.reset();
        started = true;
        playing = false;
        baseTs = timestamp;
        newestTs = timestamp;
        nextFrame = 0;
    }

    /** Frame index relative to the first packet, unwrapping the 32-bit timestamp (RFC 3550 §5.1). */
    private long frameOf(long timestamp) {
        long extended = newestTs + (int) (timestamp - newestTs);
        newestTs = Math.max(newestTs, extended);
        return Math.floorDiv(extended - baseTs + frameTs / 2, frameTs);
    }

    private long mediaMs(long frame) {
        return frame * JitterSettings.FRAME_MS;
    }

    private int slotOf(long frame) {
        return (int) Math.floorMod(frame, (long) capacity);
    }

    private void discard(long frame) {
        int slot = slotOf(frame);
        if (frames[slot] == frame) {
            frames[slot] = Long.MIN_VALUE;
        }
    }
}
