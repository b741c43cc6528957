package io.ringedge.media.control;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Session ids. The edge chooses a session's id before it asks a worker to create it, so it can
 * delete a session whose creation it stopped waiting for: the id is in hand even when the answer
 * never came. An id is also the only credential for a session on the control API, so it must be
 * unguessable: at least 128 random bits, base64url without padding.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** 22 characters carry 132 bits; ids the edge makes have exactly that many. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    private SessionIds() {
    }

    /** A fresh id of 128 random bits. */
    public static String newId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** What the worker accepts as a new session's id: 22..64 of [A-Za-z0-9_-]. */
    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
