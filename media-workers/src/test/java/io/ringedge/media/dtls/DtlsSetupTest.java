package io.ringedge.media.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DtlsSetupTest {

    /** RFC 8842 §5.3 / RFC 5763 §5: who is the DTLS client, as a table; "-" is a refused pair. */
    @ParameterizedTest
    @CsvSource({
        "ACTPASS, ACTIVE,  SERVER",
        "ACTPASS, PASSIVE, CLIENT",
        "ACTPASS, ACTPASS, -",
        "ACTIVE,  ACTPASS, CLIENT",
        "ACTIVE,  PASSIVE, CLIENT",
        "ACTIVE,  ACTIVE,  -",
        "PASSIVE, ACTPASS, SERVER",
        "PASSIVE, ACTIVE,  SERVER",
        "PASSIVE, PASSIVE, -",
    })
    void localRoleTable(DtlsSetup local, DtlsSetup remote, String expected) {
        Optional<DtlsRole> role = local.localRole(remote);
        assertEquals(expected, role.map(Enum::name).orElse("-"));
    }

    @ParameterizedTest
    @CsvSource({"ACTPASS, ACTIVE", "ACTIVE, PASSIVE", "PASSIVE, ACTIVE"})
    void answererPicksTheOtherEndAndPrefersActive(DtlsSetup offered, DtlsSetup answered) {
        assertEquals(answered, offered.answer());
        assertEquals(1, offered.localRole(answered).stream().count());
    }

    @Test
    void parsesSdpValuesAndRefusesOthers() {
        assertEquals(Optional.of(DtlsSetup.ACTPASS), DtlsSetup.parse(" ActPass "));
        assertEquals(Optional.of(DtlsSetup.PASSIVE), DtlsSetup.parse("passive"));
        assertEquals(Optional.empty(), DtlsSetup.parse("holdconn"));
        assertEquals(Optional.empty(), DtlsSetup.parse(null));
        assertEquals("active", DtlsSetup.ACTIVE.sdpValue());
    }
}
