package io.ringedge.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A certificate fingerprint as SDP carries it (RFC 8122 §5: {@code a=fingerprint:sha-256
 * AB:CD:...}). Only SHA-256 is produced and accepted: RFC 8827 §6.5 requires it of every WebRTC
 * endpoint, and weaker hashes would let a forged certificate pass the check.
 */
public record DtlsFingerprint(byte[] sha256) {
    public static final String ALGORITHM = "sha-256";
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    public DtlsFingerprint {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 fingerprint has 32 octets, got "
                    + (sha256 == null ? "none" : sha256.length));
        }
        sha256 = sha256.clone();
    }

    /** The fingerprint of a DER-encoded certificate (RFC 8122 §5: the hash of the DER form). */
    public static DtlsFingerprint ofCertificate(byte[] der) {
        try {
            return new DtlsFingerprint(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Parses the value of an {@code a=fingerprint:} line, e.g. {@code sha-256 AB:CD:...}; empty
     * when the hash is not SHA-256 or the hex is not 32 colon-separated octets.
     */
    public static Optional<DtlsFingerprint> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2 || !ALGORITHM.equals(parts[0].toLowerCase(Locale.ROOT)) || parts[1].length() != 95) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DtlsFingerprint(COLON_HEX.parseHex(parts[1].toUpperCase(Locale.ROOT))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean matches(byte[] certificateDer) {
        return MessageDigest.isEqual(sha256, ofCertificate(certificateDer).sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** The attribute value: {@code sha-256 AB:CD:...} (upper-case hex, RFC 8122 §5). */
    public String sdpValue() {
        return ALGORITHM + " " + COLON_HEX.formatHex(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DtlsFingerprint that && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return sdpValue();
    }
}
