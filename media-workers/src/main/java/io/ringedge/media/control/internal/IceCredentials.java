package io.ringedge.media.control.internal;

import java.security.SecureRandom;

/**
 * Our ICE username fragment and password for one session. RFC 8445 §5.3 asks for at least 24 bits
 * of randomness in the ufrag and 128 in the password; RFC 8839 §5.4 for 4..256 and 22..256
 * ice-chars. 8 and 24 characters of the 64-letter ice-char alphabet give 48 and 144 bits.
 */
record IceCredentials(String ufrag, String pwd) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    static IceCredentials random(SecureRandom random) {
        return new IceCredentials(chars(random, 8), chars(random, 24));
    }

    private static String chars(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[random.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}
