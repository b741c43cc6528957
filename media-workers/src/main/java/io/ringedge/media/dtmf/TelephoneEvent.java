package io.ringedge.media.dtmf;

/**
 * Reads and writes the RFC 4733 §2.3 telephone-event payload in place:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Events 0..9 are the digits, 10 is *, 11 is #, 12..15 are A..D (RFC 4733 §3.2).
 */
public final class TelephoneEvent {
    public static final int LENGTH = 4;
    /** RFC 4733 §2.5.1.3: the duration field is 16 bits; longer events are sent in segments. */
    public static final int MAX_DURATION = 0xFFFF;
    private static final String DIGITS = "0123456789*#ABCD";

    private TelephoneEvent() {
    }

    public static int event(byte[] buf, int offset) {
        return buf[offset] & 0xFF;
    }

    /** The E bit: the last packets of an event, sent three times (RFC 4733 §2.5.1.4). */
    public static boolean end(byte[] buf, int offset) {
        return (buf[offset + 1] & 0x80) != 0;
    }

    /** Power level in dBm0 below zero, 0..63 (RFC 4733 §2.3.4). */
    public static int volume(byte[] buf, int offset) {
        return buf[offset + 1] & 0x3F;
    }

    /** Duration so far in RTP timestamp units of the event's clock (RFC 4733 §2.3.5). */
    public static int duration(byte[] buf, int offset) {
        return ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
    }

    public static void setDuration(byte[] buf, int offset, int duration) {
        buf[offset + 2] = (byte) (duration >>> 8);
        buf[offset + 3] = (byte) duration;
    }

    public static void write(byte[] buf, int offset, int event, boolean end, int volume, int duration) {
        buf[offset] = (byte) event;
        buf[offset + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        setDuration(buf, offset, duration);
    }

    /** The DTMF key of an event 0..15, or '?' for the other RFC 4733 events. */
    public static char key(int event) {
        return event < DIGITS.length() ? DIGITS.charAt(event) : '?';
    }
}
