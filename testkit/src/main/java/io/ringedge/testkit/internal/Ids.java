package io.ringedge.testkit.internal;

import io.ringedge.testkit.sip.Via;

import java.security.SecureRandom;

/** Random tags, branches, Call-IDs and host names. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Ids() {
    }

    public static String token(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** RFC 3261 section 8.1.1.7: unique per transaction and starting with the magic cookie. */
    public static String branch() {
        return Via.MAGIC_COOKIE + token(16);
    }

    public static String tag() {
        return token(10);
    }

    public static String callId() {
        return token(20);
    }

    /** A first local CSeq number; RFC 3261 section 8.1.1.5 only asks for less than 2**31. */
    public static long firstCSeq() {
        return 1 + RANDOM.nextInt(10_000);
    }
}
