package io.ringedge.media.sdp;

import java.util.Optional;

/** A payload type as one leg uses it: its number there, its rtpmap and its fmtp, if any. */
public record PayloadFormat(int payloadType, Rtpmap rtpmap, Optional<String> fmtp) {

    public boolean is(String encoding, int clockRate) {
        return rtpmap.is(encoding, clockRate);
    }

    public boolean isG711() {
        return is("PCMU", 8000) || is("PCMA", 8000);
    }

    public boolean isOpus() {
        return is("opus", 48000);
    }

    public boolean isTelephoneEvent() {
        return rtpmap.encoding().equalsIgnoreCase("telephone-event");
    }

    /** "PCMU/8000" */
    public String name() {
        return rtpmap.encoding() + "/" + rtpmap.clockRate();
    }
}
