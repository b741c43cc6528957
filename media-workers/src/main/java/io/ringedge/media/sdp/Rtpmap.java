package io.ringedge.media.sdp;

import java.util.OptionalInt;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]}
 * (RFC 8866 §6.6); for audio the parameter is the channel count.
 */
public record Rtpmap(int payloadType, String encoding, int clockRate, OptionalInt channels) {

    public static Rtpmap parse(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            throw new SdpSyntaxException("rtpmap: expected '<pt> <encoding>/<rate>', was '" + value + "'");
        }
        int pt = Tokens.integer(value.substring(0, space), 0, 127, "rtpmap payload type");
        String[] parts = value.substring(space + 1).split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !Tokens.isToken(parts[0])) {
            throw new SdpSyntaxException("rtpmap: expected '<encoding>/<rate>[/<channels>]', was '" + value + "'");
        }
        int rate = Tokens.integer(parts[1], 1, Integer.MAX_VALUE, "rtpmap clock rate");
        OptionalInt channels = parts.length == 3
                ? OptionalInt.of(Tokens.integer(parts[2], 1, 255, "rtpmap channels")) : OptionalInt.empty();
        return new Rtpmap(pt, parts[0], rate, channels);
    }

    /** Encoding names are case-insensitive (RFC 4855 §3). */
    public boolean is(String name, int rate) {
        return encoding.equalsIgnoreCase(name) && clockRate == rate;
    }

    public String value() {
        return payloadType + " " + encoding + "/" + clockRate
                + (channels.isPresent() ? "/" + channels.getAsInt() : "");
    }

    public Attribute toAttribute() {
        return Attribute.of("rtpmap", value());
    }
}
