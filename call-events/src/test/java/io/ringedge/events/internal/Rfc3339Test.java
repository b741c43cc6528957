package io.ringedge.events.internal;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Rfc3339Test {

    /** What the general RFC 3339 parser reads, the fast path must read the same. */
    private static Instant general(String value) {
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    @Test
    void readsWhatIsoInstantWritesAtEveryFractionLength() {
        for (Instant t : List.of(Instant.parse("2026-11-21T08:40:00Z"), Instant.parse("2026-11-21T08:40:00.1Z"),
                Instant.parse("2026-11-21T08:40:00.12Z"), Instant.parse("2026-11-21T08:40:00.123Z"),
                Instant.parse("2026-11-21T08:40:00.123456Z"), Instant.parse("2026-11-21T23:59:59.987654321Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00.5Z"), Instant.now())) {
            String written = DateTimeFormatter.ISO_INSTANT.format(t);
            assertEquals(t, Rfc3339.parse(written), written);
            assertEquals(general(written), Rfc3339.parse(written), written);
        }
    }

    @Test
    void otherRfc3339FormsReadAsTheGeneralParserReadsThem() {
        for (String value : List.of("2026-11-21T10:40:00+02:00", "2026-11-21T08:40:00.5-01:30", "2026-11-21T08:40:00z",
                "2026-11-21t08:40:00Z")) {
            assertEquals(general(value), Rfc3339.parse(value), value);
        }
    }

    @Test
    void refusesWhatIsNotADateTime() {
        for (String value : List.of("yesterday", "2026-02-30T08:40:00Z", "2026-11-21T24:00:00Z",
                "2026-11-21T08:40:00.1234567890Z", "2026-11-21T08:4x:00Z", "2026-11-21 08:40:00Z", "")) {
            assertThrows(DateTimeException.class, () -> Rfc3339.parse(value), value);
        }
    }
}
