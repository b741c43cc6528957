package io.ringedge.media.transcode;

/**
 * What one leg negotiated: its audio codec and payload type, its telephone-event payload type (or
 * -1 when the leg has none), and the SSRC we send on it. Telephone events share the audio stream's
 * SSRC and timeline, so they run on the audio clock: {@code telephone-event/8000} with PCMU,
 * {@code telephone-event/48000} with Opus (what browsers offer beside Opus).
 */
public record LegFormat(AudioCodec codec, int audioPayloadType, int eventPayloadType, int ssrc) {
    public static final int NO_EVENTS = -1;

    public LegFormat {
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        if (audioPayloadType < 0 || audioPayloadType > 127) {
            throw new IllegalArgumentException("audio payload type must be 0..127, was " + audioPayloadType);
        }
        if (eventPayloadType < NO_EVENTS || eventPayloadType > 127 || eventPayloadType == audioPayloadType) {
            throw new IllegalArgumentException("telephone-event payload type must be 0..127, not the audio one, or -1; was "
                    + eventPayloadType);
        }
    }

    public boolean hasEvents() {
        return eventPayloadType != NO_EVENTS;
    }
}
