package io.ringedge.bench.control;

/**
 * The SDP the control benchmark sends: a PBX's offer (Asterisk's chan_pjsip) and a browser's answer
 * (Chrome's, PCMU first: a pass-through session), every address on loopback. The answer's one ICE
 * candidate is the benchmark's own sink socket, so the worker's connectivity checks stay on this
 * machine and reach a socket that ignores them. Sessions are deleted within milliseconds; no media
 * flows: the benchmark measures the control API, not the media path.
 */
final class ControlSdp {

    private static final String PBX_OFFER = crlf("""
            v=0
            o=- 1732181234 1732181234 IN IP4 127.0.0.1
            s=Asterisk
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 40000 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:150
            a=rtcp:40001
            a=sendrecv
            """);

    private static final String BROWSER_ANSWER = crlf("""
            v=0
            o=- 8403615332048243445 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=msid-semantic: WMS 3c9f
            m=audio 9 UDP/TLS/RTP/SAVPF 0 8 111 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=candidate:1467250027 1 udp 2122260223 127.0.0.1 SINK_PORT typ host generation 0
            a=ice-ufrag:Bq7m
            a=ice-pwd:0nY3rPq8sKx2Lw5vTz9aFh1c
            a=ice-options:trickle
            a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF
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
            """);

    private ControlSdp() {
    }

    static String pbxOffer() {
        return PBX_OFFER;
    }

    /** The browser's answer, its candidate on {@code sinkPort} of 127.0.0.1. */
    static String browserAnswer(int sinkPort) {
        return BROWSER_ANSWER.replace("SINK_PORT", Integer.toString(sinkPort));
    }

    private static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
