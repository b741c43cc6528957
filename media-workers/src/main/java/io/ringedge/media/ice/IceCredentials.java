package io.ringedge.media.ice;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839 §5.4): ufrag 4..256 ice-chars, password
 * 22..256. The password is the MESSAGE-INTEGRITY key of the checks sent to its owner
 * (RFC 8445 §7.2.2), so ours are random with 24 characters (144 bits).
 */
public record IceCredentials(String ufrag, String pwd) {
    private static final Pattern UFRAG = Pattern.compile("[A-Za-z0-9+/]{4,256}");
    private static final Pattern PWD = Pattern.compile("[A-Za-z0-9+/]{22,256}");
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        if (ufrag == null || !UFRAG.matcher(ufrag).matches()) {
            throw new IllegalArgumentException("ice-ufrag must be 4..256 ice-chars");
        }
        if (pwd == null || !PWD.matcher(pwd).matches()) {
            throw new IllegalArgumentException("ice-pwd must be 22..256 ice-chars");
        }
    }

    /** Fresh credentials, for a new session or an ICE restart (RFC 8445 §9). */
    public static IceCredentials random() {
        return new IceCredentials(randomChars(8), randomChars(24));
    }

    private static String randomChars(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + "]";
    }
}
