package io.ringedge.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DtlsFingerprintTest {
    private static final String SDP_VALUE = "sha-256 "
            + "D1:2C:BE:AD:C4:F6:64:5C:25:16:11:9C:AF:E7:0F:73:79:36:4E:9C:1E:15:54:39:0C:06:8B:A9:86:A5:5A:04";

    @Test
    void roundTripsTheSdpForm() {
        DtlsFingerprint parsed = DtlsFingerprint.parse(SDP_VALUE).orElseThrow();
        assertEquals(SDP_VALUE, parsed.sdpValue());
        assertEquals(0xD1, parsed.sha256()[0] & 0xFF);
        assertEquals(parsed, DtlsFingerprint.parse("SHA-256 " + SDP_VALUE.substring(8).toLowerCase()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sha-1 D1:2C:BE:AD:C4:F6:64:5C:25:16:11:9C:AF:E7:0F:73:79:36:4E:9C",
        "sha-256 D1:2C",
        "sha-256 D1:2C:BE:AD:C4:F6:64:5C:25:16:11:9C:AF:E7:0F:73:79:36:4E:9C:1E:15:54:39:0C:06:8B:A9:86:A5:5A:0G",
        "sha-256 D1-2C-BE-AD-C4-F6-64-5C-25-16-11-9C-AF-E7-0F-73-79-36-4E-9C-1E-15-54-39-0C-06-8B-A9-86-A5-5A-04",
        "",
    })
    void refusesWhatIsNotASha256Fingerprint(String value) {
        assertEquals(Optional.empty(), DtlsFingerprint.parse(value));
    }

    @Test
    void generatedCertificateMatchesItsOwnFingerprintOnly() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        assertTrue(a.fingerprint().matches(a.der()));
        assertFalse(a.fingerprint().matches(b.der()));
        assertEquals(a.fingerprint(), DtlsFingerprint.parse(a.fingerprint().sdpValue()).orElseThrow());
    }
}
