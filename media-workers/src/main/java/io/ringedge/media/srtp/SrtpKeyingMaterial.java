package io.ringedge.media.srtp;

import java.util.Arrays;

/**
 * The two master keys of a DTLS-SRTP association, split out of the TLS exporter output as RFC 5764
 * §4.2 lays it out: client key, server key, client salt, server salt. The DTLS client sends with
 * the client half (RFC 5764 §4.2: "client_write"), so which half is ours depends on the role
 * {@code a=setup} gave us.
 *
 * @param local  protects what this side sends
 * @param remote unprotects what the peer sends
 */
public record SrtpKeyingMaterial(SrtpMasterKey local, SrtpMasterKey remote) {
    /** RFC 5764 §4.2: the exporter label. */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /** Octets to ask the exporter for: 60 for AES-CM profiles, 56 for AES-GCM. */
    public static int exportLength(SrtpProfile profile) {
        return 2 * (profile.masterKeyLength() + profile.masterSaltLength());
    }

    /** Splits exporter output; {@code localIsDtlsClient} is our DTLS role. */
    public static SrtpKeyingMaterial fromDtlsExport(SrtpProfile profile, byte[] exported, boolean localIsDtlsClient) {
        int keyLength = profile.masterKeyLength();
        int saltLength = profile.masterSaltLength();
        if (exported.length != exportLength(profile)) {
            throw new IllegalArgumentException(profile + " needs " + exportLength(profile)
                    + " octets of DTLS-SRTP keying material, got " + exported.length);
        }
        SrtpMasterKey client = new SrtpMasterKey(profile,
                Arrays.copyOfRange(exported, 0, keyLength),
                Arrays.copyOfRange(exported, 2 * keyLength, 2 * keyLength + saltLength));
        SrtpMasterKey server = new SrtpMasterKey(profile,
                Arrays.copyOfRange(exported, keyLength, 2 * keyLength),
                Arrays.copyOfRange(exported, 2 * keyLength + saltLength, 2 * keyLength + 2 * saltLength));
        return localIsDtlsClient ? new SrtpKeyingMaterial(client, server) : new SrtpKeyingMaterial(server, client);
    }
}
