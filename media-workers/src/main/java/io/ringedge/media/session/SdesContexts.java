package io.ringedge.media.session;

import io.ringedge.media.sdp.Crypto;
import io.ringedge.media.sdp.SdesKeys;
import io.ringedge.media.srtp.SrtcpTransformer;
import io.ringedge.media.srtp.SrtpMasterKey;
import io.ringedge.media.srtp.SrtpProfile;
import io.ringedge.media.srtp.SrtpTransformer;
import java.util.Arrays;

/**
 * The SRTP contexts of an SDES-keyed PBX leg (RFC 4568): the PBX's {@code a=crypto} key protects
 * what it sends, ours what we send (§6.1). All four are used on the session's media loop only.
 */
record SdesContexts(SrtpTransformer rtpIn, SrtcpTransformer rtcpIn, SrtpTransformer rtpOut,
                    SrtcpTransformer rtcpOut) {
    /** The most {@link SrtpTransformer#protect} appends: the longest tag (AES-GCM, RFC 7714). */
    static final int MAX_OVERHEAD = 16;
    /** The most {@link SrtcpTransformer#protect} appends: the E flag and index, and the longest tag. */
    static final int MAX_RTCP_OVERHEAD = 4 + 16;

    static SdesContexts of(SdesKeys keys) {
        SrtpMasterKey theirs = masterKey(keys.profile(), keys.theirs());
        SrtpMasterKey ours = masterKey(keys.profile(), keys.ours());
        return new SdesContexts(new SrtpTransformer(theirs), new SrtcpTransformer(theirs), new SrtpTransformer(ours),
                new SrtcpTransformer(ours));
    }

    /** RFC 4568 §6.1: the inline value is the master key followed by the master salt. */
    private static SrtpMasterKey masterKey(SrtpProfile profile, Crypto crypto) {
        byte[] keyAndSalt = crypto.keys().get(0).keyAndSalt();
        int keyLength = profile.masterKeyLength();
        return new SrtpMasterKey(profile, Arrays.copyOfRange(keyAndSalt, 0, keyLength),
                Arrays.copyOfRange(keyAndSalt, keyLength, keyAndSalt.length));
    }
}
