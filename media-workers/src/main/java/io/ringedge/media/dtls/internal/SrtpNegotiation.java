package io.ringedge.media.dtls.internal;

import io.ringedge.media.dtls.DtlsFingerprint;
import io.ringedge.media.srtp.SrtpKeyingMaterial;
import io.ringedge.media.srtp.SrtpProfile;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * What the client and server peers share: the {@code use_srtp} extension (RFC 5764 §4.1), the
 * peer-certificate check against the SDP fingerprint, and the export of keying material once the
 * handshake completes. It also remembers why a handshake was aborted, so the endpoint can report
 * the cause instead of a bare alert. Confined to the handshake thread.
 */
public final class SrtpNegotiation {
    /**
     * Our preference. AES-CM-HMAC first: the GCM path of our SRTP allocates per packet, and every
     * browser offers both (RFC 8827 §6.5 requires CM-HMAC-80 of all WebRTC endpoints).
     */
    static final SrtpProfile[] PREFERENCE = {SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM};

    private final DtlsFingerprint remoteFingerprint;
    private SrtpProfile profile;
    private byte[] exported;
    private boolean fingerprintMismatch;
    private boolean noCommonProfile;

    public SrtpNegotiation(DtlsFingerprint remoteFingerprint) {
        this.remoteFingerprint = remoteFingerprint;
    }

    /** The client's offer: our preferred profiles, no MKI (RFC 5764 §4.1.1). */
    void offer(Hashtable<Integer, byte[]> clientExtensions) throws IOException {
        int[] ids = new int[PREFERENCE.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = PREFERENCE[i].dtlsProfileId();
        }
        TlsSRTPUtils.addUseSRTPExtension(clientExtensions, new UseSRTPData(ids, TlsUtils.EMPTY_BYTES));
    }

    /** Server side: picks the first profile of our preference that the client offered. */
    void choose(Hashtable<?, ?> clientExtensions) throws IOException {
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered != null) {
            for (SrtpProfile candidate : PREFERENCE) {
                for (int id : offered.getProtectionProfiles()) {
                    if (id == candidate.dtlsProfileId()) {
                        profile = candidate;
                        return;
                    }
                }
            }
        }
        // RFC 5764 §4.1.1 would let the handshake go on without SRTP; with no keys the call has no media.
        noCommonProfile = true;
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    /** Server side: the answer carries exactly the chosen profile. */
    void answer(Hashtable<Integer, byte[]> serverExtensions) throws IOException {
        TlsSRTPUtils.addUseSRTPExtension(serverExtensions,
                new UseSRTPData(new int[] {profile.dtlsProfileId()}, TlsUtils.EMPTY_BYTES));
    }

    /** Client side: the server must have picked exactly one profile out of those we offered. */
    void accept(Hashtable<?, ?> serverExtensions) throws IOException {
        UseSRTPData chosen = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen != null && chosen.getProtectionProfiles().length == 1) {
            for (SrtpProfile candidate : PREFERENCE) {
                if (candidate.dtlsProfileId() == chosen.getProtectionProfiles()[0]) {
                    profile = candidate;
                    return;
                }
            }
        }
        noCommonProfile = true;
        throw new TlsFatalAlert(AlertDescription.illegal_parameter, "server chose no SRTP profile we offered");
    }

    /**
     * RFC 8122 §5 / RFC 5763 §5: the peer's end-entity certificate must hash to the fingerprint
     * its SDP carried; nothing else authenticates it. An empty certificate list fails too: WebRTC
     * requires mutual authentication (RFC 8827 §6.5).
     */
    void checkPeer(Certificate certificate) throws IOException {
        if (certificate == null || certificate.isEmpty()
                || !remoteFingerprint.matches(certificate.getCertificateAt(0).getEncoded())) {
            fingerprintMismatch = true;
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "peer certificate does not match a=fingerprint");
        }
    }

    /** RFC 5764 §4.2: 2 * (key + salt) octets from the exporter, no context. */
    void export(TlsContext context) {
        exported = context.exportKeyingMaterial(SrtpKeyingMaterial.EXPORTER_LABEL, null,
                SrtpKeyingMaterial.exportLength(profile));
    }

    public SrtpProfile profile() {
        return profile;
    }

    public byte[] exported() {
        return exported;
    }

    public boolean fingerprintMismatch() {
        return fingerprintMismatch;
    }

    public boolean noCommonProfile() {
        return noCommonProfile;
    }
}
