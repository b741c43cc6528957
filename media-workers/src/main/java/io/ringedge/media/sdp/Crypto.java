package io.ringedge.media.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SDES {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} (RFC 4568 §9.1), with
 * {@code key-params = "inline:" <base64 key||salt> ["|" lifetime] ["|" MKI ":" length]}, several
 * separated by ";".
 */
public record Crypto(int tag, String suite, List<KeyParams> keys, List<String> sessionParams) {

    /** One inline key: master key and salt concatenated (RFC 4568 §6.1), lifetime and MKI verbatim. */
    public record KeyParams(String keySaltBase64, Optional<String> lifetime, Optional<String> mki) {

        public byte[] keyAndSalt() {
            return Base64.getDecoder().decode(keySaltBase64);
        }

        String value() {
            return "inline:" + keySaltBase64 + lifetime.map(l -> "|" + l).orElse("") + mki.map(m -> "|" + m).orElse("");
        }
    }

    public Crypto {
        keys = List.copyOf(keys);
        sessionParams = List.copyOf(sessionParams);
    }

    /** An answer's crypto line: one inline key, no lifetime or MKI (the offerer's defaults apply). */
    public static Crypto inline(int tag, String suite, byte[] keyAndSalt) {
        return new Crypto(tag, suite, List.of(new KeyParams(Base64.getEncoder().encodeToString(keyAndSalt),
                Optional.empty(), Optional.empty())), List.of());
    }

    public static Crypto parse(String value) {
        String[] f = Tokens.fields(value, "crypto");
        if (f.length < 3) {
            throw new SdpSyntaxException("crypto: expected '<tag> <suite> inline:<key>', was '" + value + "'");
        }
        if (f[0].length() > 9) {
            throw new SdpSyntaxException("crypto: tag has at most 9 digits");
        }
        int tag = Tokens.integer(f[0], 0, 999_999_999, "crypto tag");
        if (!Tokens.isToken(f[1])) {
            throw new SdpSyntaxException("crypto: suite must be a token, was '" + f[1] + "'");
        }
        List<KeyParams> keys = new ArrayList<>();
        for (String keyParam : f[2].split(";", -1)) {
            keys.add(keyParams(f[1], keyParam));
        }
        return new Crypto(tag, f[1], keys, Arrays.asList(f).subList(3, f.length));
    }

    private static KeyParams keyParams(String suite, String text) {
        if (!text.startsWith("inline:")) {
            throw new SdpSyntaxException("crypto: only the inline key method exists (RFC 4568 §6.1), was '" + text + "'");
        }
        String[] parts = text.substring("inline:".length()).split("\\|", -1);
        if (parts.length > 3) {
            throw new SdpSyntaxException("crypto: inline key has at most key|lifetime|MKI");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new SdpSyntaxException("crypto: key is not base64: " + e.getMessage());
        }
        OptionalInt expected = keySaltLength(suite);
        if (expected.isPresent() && material.length != expected.getAsInt()) {
            throw new SdpSyntaxException("crypto: " + suite + " needs " + expected.getAsInt()
                    + " bytes of key||salt, had " + material.length);
        }
        Optional<String> lifetime = Optional.empty();
        Optional<String> mki = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.contains(":")) {
                String[] m = p.split(":", -1);
                if (m.length != 2 || m[0].length() > 3 || m[1].length() > 3) {
                    throw new SdpSyntaxException("crypto: MKI must be '<value>:<length>', was '" + p + "'");
                }
                Tokens.integer(m[0], 0, 999, "crypto MKI value");
                Tokens.integer(m[1], 1, 128, "crypto MKI length");
                mki = Optional.of(p);
            } else if (Tokens.isDigits(p) || (p.startsWith("2^") && Tokens.isDigits(p.substring(2)))) {
                lifetime = Optional.of(p);
            } else {
                throw new SdpSyntaxException("crypto: bad lifetime '" + p + "'");
            }
        }
        return new KeyParams(parts[0], lifetime, mki);
    }

    /** key||salt lengths of the suites RFC 4568 §6.2 and RFC 7714 §14.2 define; others are not checked. */
    static OptionalInt keySaltLength(String suite) {
        return switch (suite) {
            case "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "F8_128_HMAC_SHA1_80" -> OptionalInt.of(30);
            case "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32" -> OptionalInt.of(46);
            case "AEAD_AES_128_GCM" -> OptionalInt.of(28);
            case "AEAD_AES_256_GCM" -> OptionalInt.of(44);
            default -> OptionalInt.empty();
        };
    }

    public String value() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(keys.get(i).value());
        }
        sessionParams.forEach(p -> sb.append(' ').append(p));
        return sb.toString();
    }

    public Attribute toAttribute() {
        return Attribute.of("crypto", value());
    }
}
