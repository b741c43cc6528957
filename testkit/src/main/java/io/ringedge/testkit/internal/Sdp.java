package io.ringedge.testkit.internal;

import io.ringedge.media.PortRange;

/**
 * The SDP answer a test device gives when the test does not supply one. The edge anchors media on
 * a worker, whose WebRTC offer the device answers with its own WebRTC peer ({@link #isWebRtc});
 * a plain RTP/AVP offer (an edge relaying SDP unchanged) gets a plain RTP/AVP answer.
 */
final class Sdp {

    /** Where test devices' WebRTC peers take their UDP ports: clear of the media workers' defaults. */
    static final PortRange DEVICE_PORTS = new PortRange(40000, 44999);

    private Sdp() {
    }

    /** A DTLS-SRTP offer with ICE (RFC 8839, RFC 5763): what a media worker offers a device. */
    static boolean isWebRtc(String offer) {
        return offer != null && offer.contains("UDP/TLS/RTP/SAVPF") && offer.contains("a=fingerprint:")
                && offer.contains("a=ice-ufrag:");
    }

    /** An answer with PCMA when the offer has only PCMA, else PCMU (RFC 3264 section 6.1). */
    static String answerTo(String offer) {
        String codec = offersOnlyPcma(offer) ? "8" : "0";
        String rtpmap = codec.equals("8") ? "a=rtpmap:8 PCMA/8000" : "a=rtpmap:0 PCMU/8000";
        long session = System.currentTimeMillis() / 1000;
        return "v=0\r\n"
                + "o=testdevice " + session + " " + session + " IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=audio 40000 RTP/AVP " + codec + "\r\n"
                + rtpmap + "\r\n"
                + "a=sendrecv\r\n";
    }

    private static boolean offersOnlyPcma(String offer) {
        return offer.lines()
                .filter(l -> l.startsWith("m=audio"))
                .findFirst()
                .map(m -> {
                    String[] parts = m.trim().split("\\s+");
                    boolean pcmu = false;
                    boolean pcma = false;
                    for (int i = 3; i < parts.length; i++) {
                        pcmu |= parts[i].equals("0");
                        pcma |= parts[i].equals("8");
                    }
                    return pcma && !pcmu;
                })
                .orElse(false);
    }
}
