package io.ringedge.media.codec.opus;

/**
 * The RTP payload format of Opus (RFC 7587) as the SDP of the browser leg states it.
 */
public final class OpusRtp {
    /** RFC 7587 §4.1: the RTP clock is 48 kHz whatever rate the codec runs at internally. */
    public static final int CLOCK_RATE = 48_000;
    /** RTP timestamp units per 20 ms frame. */
    public static final int TIMESTAMP_PER_FRAME = CLOCK_RATE / 50;
    /** RFC 7587 §7: the rtpmap always names two channels, even for mono streams. */
    public static final String RTPMAP_ENCODING = "opus/48000/2";
    /** RFC 6716 §3.2.1: no Opus frame is longer than 1275 octets. */
    public static final int MAX_PACKET = 1275;

    private OpusRtp() {
    }

    /**
     * The {@code a=fmtp} parameters we offer (RFC 7587 §6.1): FEC and DTX as configured, mono, and
     * a playback rate that tells the browser not to spend bits above what the PBX leg can carry.
     */
    public static String fmtp(OpusSettings settings) {
        return "minptime=20; useinbandfec=" + (settings.inbandFec() ? 1 : 0)
                + "; usedtx=" + (settings.dtx() ? 1 : 0)
                + "; stereo=0; sprop-stereo=0"
                + "; maxplaybackrate=" + settings.sampleRate()
                + "; sprop-maxcapturerate=" + settings.sampleRate()
                + "; maxaveragebitrate=" + settings.bitrate();
    }
}
