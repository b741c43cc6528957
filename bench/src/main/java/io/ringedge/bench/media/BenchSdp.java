package io.ringedge.bench.media;

/**
 * The SDP the load generator plays: a PBX's offer (Asterisk's chan_pjsip, as media-workers' tests
 * use it) and a browser's answer to the worker's device offer (Chrome's, PCMU first, or with only
 * Opus for a transcoded call), with our own addresses, ICE credentials and fingerprint put in.
 * The control benchmark sends the same two.
 */
public final class BenchSdp {
    private static final String PBX_OFFER = crlf("""
            v=0
            o=- 1732181234 1732181234 IN IP4 127.0.0.1
            s=Asterisk
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio RTP_PORT RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:150
            a=rtcp:RTCP_PORT
            a=sendrecv
            """);

    private static final String BROWSER_ANSWER_PCMU = crlf("""
            v=0
            o=- 8403615332048243445 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=msid-semantic: WMS 3c9f
            m=audio 9 UDP/TLS/RTP/SAVPF 0 8 111 126 110
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=CANDIDATE
            a=ice-ufrag:UFRAG
            a=ice-pwd:PWD
            a=ice-options:trickle
            a=fingerprint:FINGERPRINT
            a=setup:active
            a=mid:0
            a=sendrecv
            a=msid:3c9f 7e2b
            a=rtcp-mux
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:111 opus/48000/2
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:126 telephone-event/8000
            a=rtpmap:110 telephone-event/48000
            """);

    /** Chrome's answer when its codec preferences list only Opus: the worker must transcode. */
    private static final String BROWSER_ANSWER_OPUS = BROWSER_ANSWER_PCMU
            .replace("UDP/TLS/RTP/SAVPF 0 8 111 126 110", "UDP/TLS/RTP/SAVPF 111 110")
            .replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "")
            .replace("a=rtpmap:126 telephone-event/8000\r\n", "");

    private BenchSdp() {
    }

    /** The PBX's offer: RTP and RTCP on our sockets' ports, on loopback. */
    public static String pbxOffer(int rtpPort, int rtcpPort) {
        return PBX_OFFER.replace("RTP_PORT", Integer.toString(rtpPort)).replace("RTCP_PORT", Integer.toString(rtcpPort));
    }

    /**
     * The browser's answer with our transport's candidate ({@code candidate:...}), credentials and
     * {@code sha-256 ...} fingerprint; {@code opus} forces a transcoded call.
     */
    public static String browserAnswer(boolean opus, String candidate, String ufrag, String pwd, String fingerprint) {
        return (opus ? BROWSER_ANSWER_OPUS : BROWSER_ANSWER_PCMU).replace("a=CANDIDATE", "a=" + candidate)
                .replace("UFRAG", ufrag).replace("PWD", pwd).replace("FINGERPRINT", fingerprint);
    }

    private static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
