package io.ringedge.media.transcode;

/** The audio codecs a leg can use, with their RTP clock rates. */
public enum AudioCodec {
    /** RFC 3551 §4.5.14, static payload type 0. */
    PCMU(8000),
    /** RFC 3551 §4.5.14, static payload type 8. */
    PCMA(8000),
    /** RFC 7587 §4.1: 48 kHz RTP clock whatever the audio bandwidth. */
    OPUS(48_000);

    private final int clockRate;

    AudioCodec(int clockRate) {
        this.clockRate = clockRate;
    }

    public int clockRate() {
        return clockRate;
    }

    /** RTP timestamp units per 20 ms frame. */
    public int timestampPerFrame() {
        return clockRate / 50;
    }
}
