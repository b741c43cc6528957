package io.ringedge.media.sdp;

/** The character classes of RFC 8866 §9 (token-char) and RFC 8839 §5.1 (ice-char). */
final class Tokens {

    private Tokens() {
    }

    /** token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D
                    || c == 0x2E || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** ice-char = ALPHA / DIGIT / "+" / "/" */
    static boolean isIceChars(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '+' && c != '/') {
                return false;
            }
        }
        return true;
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A decimal integer within [min, max], or an SdpSyntaxException naming {@code what}. */
    static long number(String s, long min, long max, String what) {
        if (!isDigits(s) || s.length() > 18) {
            throw new SdpSyntaxException(what + " must be a number, was '" + s + "'");
        }
        long v = Long.parseLong(s);
        if (v < min || v > max) {
            throw new SdpSyntaxException(what + " must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    static int integer(String s, int min, int max, String what) {
        return (int) number(s, min, max, what);
    }

    /** Splits on single spaces, rejecting empty fields (RFC 8866 §5: one space between subfields). */
    static String[] fields(String s, String what) {
        String[] parts = s.split(" ", -1);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new SdpSyntaxException(what + ": fields must be separated by one space");
            }
        }
        return parts;
    }
}
