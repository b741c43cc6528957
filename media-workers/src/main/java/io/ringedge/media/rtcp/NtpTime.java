package io.ringedge.media.rtcp;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 32 bits of seconds since 1900 and 32 bits of
 * fraction. LSR and DLSR use the middle 32 bits, in units of 1/65536 s (§6.4.1).
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (the Unix epoch). */
    private static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    /** The 64-bit NTP timestamp of a Unix time in milliseconds. */
    public static long fromUnixMillis(long unixMillis) {
        long seconds = Math.floorDiv(unixMillis, 1000L) + EPOCH_OFFSET_SECONDS;
        long fraction = (Math.floorMod(unixMillis, 1000L) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp, as LSR carries it. */
    public static long middle(long ntp) {
        return (ntp >>> 16) & 0xFFFF_FFFFL;
    }

    /** Milliseconds as the 1/65536 s units of DLSR and of the middle 32 bits. */
    public static long millisToShort(long millis) {
        return (millis << 16) / 1000 & 0xFFFF_FFFFL;
    }

    /** 1/65536 s units back to milliseconds. */
    public static double shortToMillis(long units) {
        return units * 1000.0 / 65536;
    }
}
