package io.ringedge.edge.token;

/** The outcome of checking a token: a normal value, since a bad token is expected input. */
public sealed interface Verification {

    record Valid(DeviceClaims claims) implements Verification {
    }

    /**
     * @param reason short, safe to show the client (RFC 6750 §3 {@code error_description}); never
     *               contains the token or key material
     */
    record Invalid(String reason) implements Verification {
    }
}
