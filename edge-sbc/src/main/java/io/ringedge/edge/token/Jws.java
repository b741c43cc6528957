package io.ringedge.edge.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;

/**
 * JWS compact serialisation signatures (RFC 7515 §7.1) for the two algorithms a {@link TokenKey}
 * supports. ES256 uses the JDK's IEEE P1363 format, which is exactly JWS's R||S (RFC 7518 §3.4).
 */
final class Jws {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final String ECDSA = "SHA256withECDSAinP1363Format";

    private Jws() {
    }

    static byte[] sign(TokenKey key, String signingInput) {
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            return switch (key) {
                case TokenKey.Hmac h -> hmac(h, input);
                case TokenKey.EcP256 ec -> {
                    Signature s = Signature.getInstance(ECDSA);
                    s.initSign(ec.privateKey().orElseThrow(() -> new IllegalStateException("no EC private key to sign with")));
                    s.update(input);
                    yield s.sign();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK crypto failed to sign", e);
        }
    }

    /** Constant time for HMAC (RFC 7515 §10.7 timing attacks): MessageDigest.isEqual does not short-circuit. */
    static boolean verify(TokenKey key, String signingInput, byte[] signature) {
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            return switch (key) {
                case TokenKey.Hmac h -> MessageDigest.isEqual(hmac(h, input), signature);
                case TokenKey.EcP256 ec -> {
                    if (signature.length != 64) {
                        yield false;
                    }
                    Signature s = Signature.getInstance(ECDSA);
                    s.initVerify(ec.publicKey());
                    s.update(input);
                    yield s.verify(signature);
                }
            };
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK crypto failed to verify", e);
        }
    }

    private static byte[] hmac(TokenKey.Hmac key, byte[] input) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
        return mac.doFinal(input);
    }
}
