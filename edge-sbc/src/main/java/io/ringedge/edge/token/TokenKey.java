package io.ringedge.edge.token;

import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Optional;

/** The key that signs and verifies device tokens: one JWS algorithm per key (RFC 7518 §3.1). */
public sealed interface TokenKey {

    /** The JWS {@code alg} this key signs with; tokens naming another alg are rejected. */
    String algorithm();

    /** True when this edge can mint tokens, not only verify them. */
    boolean canSign();

    /** HS256 (RFC 7518 §3.2): the secret must be at least 256 bits. */
    record Hmac(byte[] secret) implements TokenKey {
        public Hmac {
            if (secret.length < 32) {
                throw new IllegalArgumentException("HS256 secret must be at least 32 bytes, was " + secret.length);
            }
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public String algorithm() {
            return "HS256";
        }

        @Override
        public boolean canSign() {
            return true;
        }

        @Override
        public String toString() {
            return "Hmac[secret=<redacted>]";
        }
    }

    /** ES256 (RFC 7518 §3.4) over P-256; the private key is only needed where tokens are minted. */
    record EcP256(ECPublicKey publicKey, Optional<ECPrivateKey> privateKey) implements TokenKey {
        @Override
        public String algorithm() {
            return "ES256";
        }

        @Override
        public boolean canSign() {
            return privateKey.isPresent();
        }

        @Override
        public String toString() {
            return "EcP256[publicKey=" + publicKey.getW() + "]";
        }
    }
}
