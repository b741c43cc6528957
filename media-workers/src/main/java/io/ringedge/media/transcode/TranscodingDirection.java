package io.ringedge.media.transcode;

import io.ringedge.media.dtmf.TelephoneEventRelay;
import io.ringedge.media.jitter.JitterBuffer;
import io.ringedge.media.jitter.Playout;
import io.ringedge.media.rtp.RtpCheck;
import io.ringedge.media.rtp.RtpHeader;
import io.ringedge.media.rtp.RtpPacket;
import io.ringedge.media.rtp.RtpPacketPool;

/**
 * Decodes one leg's audio and re-encodes it for the other, 20 ms frames at 8 kHz in between:
 *
 * <pre>
 *   receive: RTP check ─┬─ audio PT ──► jitter buffer
 *                       └─ event PT ──► telephone-event relay ──► our SSRC + next seq ──► send
 *   tick:    jitter buffer ──► decode / conceal ──► PCM ──► encode ──► RTP header ──► send
 * </pre>
 *
 * The output is a new RTP stream (RFC 3550 §7.1: a transcoder is a new source): our SSRC, our
 * sequence numbers with no gaps, timestamps advancing one frame of the output clock per tick
 * (160 for G.711, 960 for Opus at its 48 kHz RTP clock) also through DTX pauses and jitter-buffer
 * refills, and the marker on the first packet of each talkspurt (RFC 3551 §4.1). Telephone events
 * are timestamped on the same timeline, anchored at the frame played last.
 *
 * <p>Ticks carry their nominal instant on the 20 ms grid. A clock that stalled for longer than it
 * may catch up skips whole ticks (see {@code WebRtcTransport}); the frames of those ticks are lost,
 * and the output says so: its sequence numbers and timestamps move past them (RFC 3550 §5.1: the
 * timestamp follows the sampling clock), so the receiver conceals a short gap instead of playing
 * the rest of the call that much later.
 */
public final class TranscodingDirection implements MediaDirection {
    /** 20 ms of PCM at the 8 kHz the G.711 side dictates. */
    static final int PCM_FRAME = 160;
    private static final long FRAME_MS = 20;
    private static final long NO_TICK = Long.MIN_VALUE;

    private final LegFormat from;
    private final LegFormat to;
    private final JitterBuffer jitter;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder;
    private final RtpPacketPool pool;
    private final TelephoneEventRelay events;
    private final DirectionCounters counters;
    private final short[] pcm = new short[PCM_FRAME];

    private int nextSequence;
    private long nextTimestamp;
    private boolean talkspurt = true;
    private boolean anchored;
    private long anchorIn;
    private long anchorOut;
    private long lastTickMs = NO_TICK;

    TranscodingDirection(LegFormat from, LegFormat to, JitterBuffer jitter, FrameDecoder decoder, FrameEncoder encoder,
                         RtpPacketPool pool, DirectionCounters counters, int firstSequence, long firstTimestamp) {
        this.from = from;
        this.to = to;
        this.jitter = jitter;
        this.decoder = decoder;
        this.encoder = encoder;
        this.pool = pool;
        this.counters = counters;
        this.nextSequence = firstSequence & 0xFFFF;
        this.nextTimestamp = firstTimestamp & 0xFFFF_FFFFL;
        this.events = new TelephoneEventRelay(to.eventPayloadType(), from.codec().clockRate(), to.codec().clockRate(),
                this::toOutputTimeline);
    }

    @Override
    public RtpPacket receive(RtpPacket packet, long nowMs) {
        byte[] buf = packet.buffer();
        if (RtpHeader.check(buf, 0, packet.length()) != RtpCheck.VALID) {
            counters.malformed++;
            return null;
        }
        int payloadType = RtpHeader.payloadType(buf, 0);
        if (payloadType == from.audioPayloadType()) {
            jitter.offer(buf, packet.payloadOffset(), packet.payloadLength(), RtpHeader.timestamp(buf, 0), nowMs);
            counters.forwarded++;
            return null;
        }
        if (from.hasEvents() && payloadType == from.eventPayloadType() && to.hasEvents()) {
            if (events.transform(packet) == null) {
                counters.malformed++;
                return null;
            }
            RtpHeader.setSsrc(buf, 0, to.ssrc());
            RtpHeader.setSequenceNumber(buf, 0, nextSequence);
            nextSequence = (nextSequence + 1) & 0xFFFF;
            counters.events++;
            return packet;
        }
        counters.unknownPayloadType++;
        return null;
    }

    @Override
    public RtpPacket tick(long nowMs) {
        skipMissedTicks(nowMs);
        // Every tick is one frame of the output clock, whether or not a packet goes out: while the
        // jitter buffer fills again after a resync (a sender that restarted its timeline, or a
        // clock stalled long enough for the input to overrun the buffer) the output pauses as in
        // DTX, it is not delayed. Holding the timestamp back would shift every later frame by the
        // refill time (RFC 3550 §5.1: the timestamp follows the sampling clock), which a receiver
        // sees as that much more delay for the rest of the call.
        long timestamp = nextTimestamp;
        nextTimestamp = (nextTimestamp + to.codec().timestampPerFrame()) & 0xFFFF_FFFFL;
        Playout playout = jitter.poll(nowMs);
        if (playout == Playout.BUFFERING) {
            counters.buffering++;
            talkspurt = true;
            return null;
        }
        decoder.decode(jitter, playout, pcm);
        anchored = true;
        anchorIn = jitter.timestamp();
        anchorOut = timestamp;
        RtpPacket out = pool.acquire();
        if (out == null) {
            counters.poolExhausted++;
            talkspurt = true;
            return null;
        }
        byte[] buf = out.buffer();
        int length = encoder.encode(pcm, buf, RtpHeader.FIXED_LENGTH, RtpPacket.CAPACITY - RtpHeader.FIXED_LENGTH);
        if (length == 0) {
            counters.dtxSuppressed++;
            talkspurt = true;
            pool.release(out);
            return null;
        }
        RtpHeader.writeFixed(buf, 0, talkspurt, to.audioPayloadType(), nextSequence, timestamp, to.ssrc());
        nextSequence = (nextSequence + 1) & 0xFFFF;
        talkspurt = false;
        out.setLength(RtpHeader.FIXED_LENGTH + length);
        counters.encoded++;
        return out;
    }

    private void skipMissedTicks(long nowMs) {
        if (lastTickMs != NO_TICK) {
            long missed = (nowMs - lastTickMs + FRAME_MS / 2) / FRAME_MS - 1;
            if (missed > 0) {
                nextSequence = (int) ((nextSequence + missed) & 0xFFFF);
                nextTimestamp = (nextTimestamp + missed * to.codec().timestampPerFrame()) & 0xFFFF_FFFFL;
                talkspurt = true;
                counters.skippedTicks += missed;
            }
        }
        lastTickMs = nowMs;
    }

    /** Output timestamp for an input one: offset from the last played frame, rescaled between the clocks. */
    private long toOutputTimeline(long timestampIn) {
        if (!anchored) {
            anchored = true;
            anchorIn = timestampIn;
            anchorOut = nextTimestamp;
        }
        long deltaIn = (int) (timestampIn - anchorIn);
        return (anchorOut + deltaIn * to.codec().clockRate() / from.codec().clockRate()) & 0xFFFF_FFFFL;
    }

    @Override
    public DirectionCounters counters() {
        return counters;
    }

    /** The jitter buffer, for the call's statistics. */
    public JitterBuffer jitterBuffer() {
        return jitter;
    }
}
