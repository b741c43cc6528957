package io.ringedge.media.srtp.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over the JDK's SHA-1 (intrinsic-accelerated), computed into caller-owned
 * arrays. {@code javax.crypto.Mac#doFinal(byte[], int)} allocates the MAC on every call; this does
 * not, which keeps the SRTP per-packet path allocation-free. Tested against RFC 2202 and the JDK's
 * own HmacSHA1.
 */
public final class HmacSha1 {
    public static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] digest = new byte[LENGTH];

    public HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
    }

    /** Starts a MAC: {@code update} the message, then {@link #finish}. */
    public void start() {
        sha1.reset();
        sha1.update(innerPad);
    }

    public void update(byte[] buf, int offset, int length) {
        sha1.update(buf, offset, length);
    }

    /** Writes the first {@code length} octets of the MAC to {@code out[offset]}. */
    public void finish(byte[] out, int offset, int length) {
        finishInto(digest);
        System.arraycopy(digest, 0, out, offset, length);
    }

    /** Whether the MAC equals {@code tag[offset, offset + length)}, compared in constant time. */
    public boolean finishAndVerify(byte[] tag, int offset, int length) {
        finishInto(digest);
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= digest[i] ^ tag[offset + i];
        }
        return difference == 0;
    }

    private void finishInto(byte[] out) {
        try {
            sha1.digest(out, 0, LENGTH);
            sha1.update(outerPad);
            sha1.update(out, 0, LENGTH);
            sha1.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 digest buffer sized " + LENGTH, e);
        }
    }
}
