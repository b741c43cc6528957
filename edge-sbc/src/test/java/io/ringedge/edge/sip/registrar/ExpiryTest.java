package io.ringedge.edge.sip.registrar;

import io.ringedge.edge.EdgeConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 3261 §10.3 steps 6-8 as a table, bounds min 60, max 3600, default 600. */
class ExpiryTest {

    private static final EdgeConfig.Registrar BOUNDS = new EdgeConfig.Registrar(60, 3600, 600);

    @ParameterizedTest(name = "requested {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "none, Granted[seconds=600]",
            "0,    Remove[]",
            "1,    TooBrief[minExpires=60]",
            "59,   TooBrief[minExpires=60]",
            "60,   Granted[seconds=60]",
            "3600, Granted[seconds=3600]",
            "3601, Granted[seconds=3600]",
            "2147483647, Granted[seconds=3600]",
    })
    void decide(Integer requested, String expected) {
        assertEquals(expected, Expiry.decide(requested, BOUNDS).toString());
    }
}
