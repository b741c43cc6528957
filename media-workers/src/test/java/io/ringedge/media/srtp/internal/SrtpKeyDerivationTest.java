package io.ringedge.media.srtp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.Hex;
import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.3, key derivation test vectors. */
class SrtpKeyDerivationTest {
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void cipherKeyIsLabelZero() {
        assertEquals("c61e7a93744f39ee10734afe3ff7a087",
                Hex.of(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.RTP_ENCRYPTION, 16)));
    }

    @Test
    void cipherSaltIsLabelTwo() {
        assertEquals("30cbbc08863d8c85d49db34a9ae1",
                Hex.of(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.RTP_SALT, 14)));
    }

    @Test
    void the94OctetAuthenticationKeyIsLabelOne() {
        assertEquals(("CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2").replace(" ", "").toLowerCase(),
                Hex.of(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.RTP_AUTHENTICATION, 94)));
    }

    @Test
    void rtpSessionKeysOfAProfileUseTheSameVectors() {
        SessionKeys keys = SrtpKeyDerivation.rtpKeys(
                new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT));
        assertEquals("c61e7a93744f39ee10734afe3ff7a087", Hex.of(keys.cipherKey()));
        assertEquals("30cbbc08863d8c85d49db34a9ae1", Hex.of(keys.cipherSalt()));
        assertEquals("cebe321f6ff7716b6fd4ab49af256a156d38baa4", Hex.of(keys.authKey()));
    }
}
