package io.ringedge.media.stun.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two hashes of a STUN message: MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7).
 * Both cover the message up to the attribute, with the header length field rewritten as if the
 * attribute were the last one.
 */
public final class StunIntegrity {
    public static final int HMAC_LENGTH = 20;
    /** §14.7: the CRC-32 is XOR-ed with this, so STUN cannot be mistaken for other CRC-32 users. */
    public static final int FINGERPRINT_XOR = 0x5354_554E;

    private StunIntegrity() {
    }

    /**
     * HMAC-SHA1 over {@code message[0, end)} with the length field set to {@code declaredLength}.
     */
    public static byte[] hmacSha1(byte[] key, byte[] message, int end, int declaredLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // HMAC pads keys with zeros, so one zero octet is the same key as the empty one the
            // JDK's SecretKeySpec refuses.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            mac.update(message, 0, 2);
            mac.update((byte) (declaredLength >>> 8));
            mac.update((byte) declaredLength);
            mac.update(message, 4, end - 4);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    /** Constant-time comparison of an HMAC with the 20 octets at {@code message[at]}. */
    public static boolean matches(byte[] expected, byte[] message, int at) {
        byte[] actual = new byte[HMAC_LENGTH];
        System.arraycopy(message, at, actual, 0, HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    /** CRC-32 of {@code message[0, end)} with the length field set to {@code declaredLength}, XOR 0x5354554e. */
    public static int fingerprint(byte[] message, int end, int declaredLength) {
        CRC32 crc = new CRC32();
        crc.update(message, 0, 2);
        crc.update(declaredLength >>> 8);
        crc.update(declaredLength);
        crc.update(message, 4, end - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
