package io.ringedge.media.sdp;

import io.ringedge.media.srtp.SrtpProfile;

/**
 * SDES keys of the PBX leg (RFC 4568): the PBX's crypto line we accepted, which keys what it sends,
 * and ours, with the same tag and suite, which keys what we send (RFC 4568 §6.1, §7.1.2).
 */
public record SdesKeys(SrtpProfile profile, Crypto theirs, Crypto ours) {
}
