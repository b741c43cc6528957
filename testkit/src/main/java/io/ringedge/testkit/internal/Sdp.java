package io.ringedge.testkit.internal;

/**
 * The SDP answer a test device gives when the test does not supply one. The edge relays SDP
 * unchanged in this phase, so a plain RTP/AVP answer keeps SIPp (the PBX) satisfied.
 */
final class Sdp {

    private Sdp() {
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
