package io.ringedge.events.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads the CloudEvents {@code time} attribute, an RFC 3339 section 5.6 {@code date-time}.
 *
 * <p>Why a parser of our own: every consumer reads this attribute of every event it decodes, and
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} took a third of the decoding time in the
 * signalling benchmark's profile. What our publishers write ({@link DateTimeFormatter#ISO_INSTANT}:
 * UTC, upper-case {@code Z}, 0 to 9 fraction digits) is read here by position; anything else (an
 * offset, a lower-case {@code z}, a leap second) goes to the general parser and reads the same.
 */
public final class Rfc3339 {

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, the shortest form the fast path reads. */
    private static final int SHORTEST = 20;

    private Rfc3339() {
    }

    /** @throws DateTimeException if {@code value} is not an RFC 3339 date-time */
    public static Instant parse(String value) {
        Instant fast = utc(value);
        return fast != null ? fast
                : OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null if {@code value} has another form. */
    private static Instant utc(String v) {
        int length = v.length();
        if (length < SHORTEST || v.charAt(length - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nanos = 0;
        if (length > SHORTEST) {
            int fractionDigits = length - SHORTEST - 1;
            if (v.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(v, 20, length - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        // second 60 (a leap second, RFC 3339 section 5.7) is left to the general parser
        if ((year | month | day | hour | minute | second) < 0 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            int secondOfDay = LocalTime.of(hour, minute, second).toSecondOfDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + secondOfDay, nanos);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the general parser gives the reason
        }
    }

    /** The decimal number in {@code v[from, to)}, or -1 if a character is not a digit. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = v.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
