package io.ringedge.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SrtpKeyingMaterialTest {

    @Test
    void splitsTheExporterOutputInRfc5764Order() {
        byte[] exported = new byte[60];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) i;
        }
        SrtpKeyingMaterial client = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported, true);
        assertArrayEquals(Arrays.copyOfRange(exported, 0, 16), client.local().key());
        assertArrayEquals(Arrays.copyOfRange(exported, 16, 32), client.remote().key());
        assertArrayEquals(Arrays.copyOfRange(exported, 32, 46), client.local().salt());
        assertArrayEquals(Arrays.copyOfRange(exported, 46, 60), client.remote().salt());

        SrtpKeyingMaterial server = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AES_CM_128_HMAC_SHA1_80, exported, false);
        assertEquals(client.local(), server.remote());
        assertEquals(client.remote(), server.local());
    }

    @Test
    void eachSideUnprotectsWhatTheOtherProtects() {
        byte[] exported = new byte[SrtpKeyingMaterial.exportLength(SrtpProfile.AEAD_AES_128_GCM)];
        Arrays.fill(exported, (byte) 7);
        exported[3] = 1;
        SrtpKeyingMaterial client = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, exported, true);
        SrtpKeyingMaterial server = SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, exported, false);
        byte[] plain = SrtpTransformerTest.rtp(9, 9);
        SrtpTransformer clientSends = new SrtpTransformer(client.local());
        byte[] buf = Arrays.copyOf(plain, plain.length + clientSends.overhead());
        int length = clientSends.protect(buf, 0, plain.length);
        assertEquals(plain.length, new SrtpTransformer(server.remote()).unprotect(buf, 0, length));
    }

    @Test
    void exportLengthsAndWrongLengths() {
        assertEquals(60, SrtpKeyingMaterial.exportLength(SrtpProfile.AES_CM_128_HMAC_SHA1_80));
        assertEquals(60, SrtpKeyingMaterial.exportLength(SrtpProfile.AES_CM_128_HMAC_SHA1_32));
        assertEquals(56, SrtpKeyingMaterial.exportLength(SrtpProfile.AEAD_AES_128_GCM));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SrtpKeyingMaterial.fromDtlsExport(SrtpProfile.AEAD_AES_128_GCM, new byte[60], true));
        assertEquals("AEAD_AES_128_GCM needs 56 octets of DTLS-SRTP keying material, got 60", e.getMessage());
    }
}
