package io.ringedge.media.srtp;

import java.util.Arrays;

/**
 * One direction's master key and master salt (RFC 3711 §8), as exported by DTLS-SRTP (RFC 5764
 * §4.2) or carried in an SDES {@code a=crypto} line (RFC 4568). Arrays are copied in and out, so
 * the record is immutable.
 */
public record SrtpMasterKey(SrtpProfile profile, byte[] key, byte[] salt) {

    public SrtpMasterKey {
        if (profile == null) {
            throw new IllegalArgumentException("SRTP profile missing");
        }
        if (key == null || key.length != profile.masterKeyLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterKeyLength()
                    + "-octet master key, got " + (key == null ? "none" : key.length + " octets"));
        }
        if (salt == null || salt.length != profile.masterSaltLength()) {
            throw new IllegalArgumentException(profile + " needs a " + profile.masterSaltLength()
                    + "-octet master salt, got " + (salt == null ? "none" : salt.length + " octets"));
        }
        key = key.clone();
        salt = salt.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SrtpMasterKey that && profile == that.profile
                && Arrays.equals(key, that.key) && Arrays.equals(salt, that.salt);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * profile.hashCode() + Arrays.hashCode(key)) + Arrays.hashCode(salt);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SrtpMasterKey[" + profile + "]";
    }
}
