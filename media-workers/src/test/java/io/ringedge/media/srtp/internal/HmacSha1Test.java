package io.ringedge.media.srtp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HmacSha1Test {

    /** RFC 2202 §3, test cases 1 and 2. */
    @ParameterizedTest
    @CsvSource({
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, b617318655057264e28bc0b6fb378c8ef146be00",
        "4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
    })
    void rfc2202Vectors(String key, String data, String mac) {
        assertEquals(mac, compute(Hex.bytes(key), Hex.bytes(data)));
    }

    /** RFC 2202 §3, test cases 3 and 6 (a key longer than the block). */
    @Test
    void rfc2202Case3And6() {
        byte[] key3 = new byte[20];
        Arrays.fill(key3, (byte) 0xaa);
        byte[] data3 = new byte[50];
        Arrays.fill(data3, (byte) 0xdd);
        assertEquals("125d7342b9ac11cd91a39af48aa17b4f63f175d3", compute(key3, data3));

        byte[] key6 = new byte[80];
        Arrays.fill(key6, (byte) 0xaa);
        assertEquals("aa4ae5e15272d00e95705637ce8a3b55ed402112",
                compute(key6, "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void agreesWithTheJdkMacOnRandomInputAndReusesItsState() throws Exception {
        SplittableRandom random = new SplittableRandom(3711);
        byte[] key = new byte[20];
        random.nextBytes(key);
        HmacSha1 ours = new HmacSha1(key);
        Mac jdk = Mac.getInstance("HmacSHA1");
        jdk.init(new SecretKeySpec(key, "HmacSHA1"));
        for (int round = 0; round < 200; round++) {
            byte[] data = new byte[random.nextInt(1500)];
            random.nextBytes(data);
            byte[] mac = new byte[20];
            ours.start();
            ours.update(data, 0, data.length);
            ours.finish(mac, 0, 20);
            assertArrayEquals(jdk.doFinal(data), mac);
        }
    }

    @Test
    void verificationComparesOnlyTheTruncatedTag() {
        HmacSha1 hmac = new HmacSha1(new byte[20]);
        byte[] data = {1, 2, 3};
        byte[] tag = new byte[10];
        hmac.start();
        hmac.update(data, 0, 3);
        hmac.finish(tag, 0, 10);

        hmac.start();
        hmac.update(data, 0, 3);
        assertTrue(hmac.finishAndVerify(tag, 0, 10));

        tag[9] ^= 1;
        hmac.start();
        hmac.update(data, 0, 3);
        assertFalse(hmac.finishAndVerify(tag, 0, 10));
    }

    private static String compute(byte[] key, byte[] data) {
        HmacSha1 hmac = new HmacSha1(key);
        byte[] mac = new byte[20];
        hmac.start();
        hmac.update(data, 0, data.length);
        hmac.finish(mac, 0, 20);
        return Hex.of(mac);
    }
}
