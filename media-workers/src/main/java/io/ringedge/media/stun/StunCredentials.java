package io.ringedge.media.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * MESSAGE-INTEGRITY keys (RFC 8489 §9.1.1, §9.2.2). The strings must already be prepared with
 * OpaqueString / SASLprep where the RFC asks for it; ICE's short-term credentials (RFC 8445
 * §7.2.2) are random ice-chars, which preparation leaves unchanged.
 */
public final class StunCredentials {
    private StunCredentials() {
    }

    /** Short-term credential: the key is the password itself (ICE: the peer's ice-pwd). */
    public static byte[] shortTermKey(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    /** Long-term credential: MD5(username ":" realm ":" password). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
