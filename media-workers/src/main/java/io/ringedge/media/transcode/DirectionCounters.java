package io.ringedge.media.transcode;

/** What one direction did with packets; written only by the call's media thread. */
public final class DirectionCounters {
    long forwarded;
    long events;
    long malformed;
    long unknownPayloadType;
    long encoded;
    long dtxSuppressed;
    long poolExhausted;
    long undecodable;
    long skippedTicks;
    long buffering;

    /** Audio packets sent on (pass-through) or buffered for decoding (transcoding). */
    public long forwarded() {
        return forwarded;
    }

    /** Telephone-event packets relayed. */
    public long events() {
        return events;
    }

    /** Not valid RTP (RFC 3550 §5.1), or an event payload too short; dropped. */
    public long malformed() {
        return malformed;
    }

    /** A payload type the leg did not negotiate; dropped. */
    public long unknownPayloadType() {
        return unknownPayloadType;
    }

    /** Frames encoded and sent by the transcoder. */
    public long encoded() {
        return encoded;
    }

    /** Frames the Opus encoder marked as DTX silence and that were not sent. */
    public long dtxSuppressed() {
        return dtxSuppressed;
    }

    /** Payloads the decoder rejected as corrupt; concealed instead. */
    public long undecodable() {
        return undecodable;
    }

    /** Ticks that sent nothing because the jitter buffer was filling (at the start, or after a resync). */
    public long buffering() {
        return buffering;
    }

    /** Frames never made because the media clock stalled past catching up; sent on as a gap. */
    public long skippedTicks() {
        return skippedTicks;
    }

    /** Ticks that found no free packet in the pool. */
    public long poolExhausted() {
        return poolExhausted;
    }
}
