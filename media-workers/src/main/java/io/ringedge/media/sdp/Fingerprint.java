package io.ringedge.media.sdp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-func> <XX:XX:...>} (RFC 8122 §5): the hash of the DTLS certificate the
 * endpoint will present, checked after the handshake (RFC 5763 §5).
 */
public record Fingerprint(String hashFunction, String hex) {

    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public static Fingerprint parse(String value) {
        String[] f = Tokens.fields(value, "fingerprint");
        if (f.length != 2 || !Tokens.isToken(f[0])) {
            throw new SdpSyntaxException("fingerprint: expected '<hash-func> <hex:hex:...>', was '" + value + "'");
        }
        byte[] bytes;
        try {
            bytes = COLON_HEX.parseHex(f[1]);
        } catch (IllegalArgumentException e) {
            throw new SdpSyntaxException("fingerprint: not colon-separated hex pairs: '" + f[1] + "'");
        }
        String hash = f[0].toLowerCase(Locale.ROOT);
        if (hash.equals("sha-256") && bytes.length != 32) {
            throw new SdpSyntaxException("fingerprint: sha-256 needs 32 bytes, had " + bytes.length);
        }
        if (bytes.length == 0) {
            throw new SdpSyntaxException("fingerprint: empty");
        }
        return new Fingerprint(hash, COLON_HEX.formatHex(bytes));
    }

    public static Fingerprint sha256(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, had " + digest.length);
        }
        return new Fingerprint("sha-256", COLON_HEX.formatHex(digest));
    }

    /** The SHA-256 fingerprint of a certificate: the hash of its DER encoding (RFC 8122 §5). */
    public static Fingerprint sha256(java.security.cert.X509Certificate certificate) {
        try {
            return sha256(java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and DER encoding are always available", e);
        }
    }

    public byte[] bytes() {
        return COLON_HEX.parseHex(hex);
    }

    public Attribute toAttribute() {
        return Attribute.of("fingerprint", hashFunction + " " + hex);
    }
}
