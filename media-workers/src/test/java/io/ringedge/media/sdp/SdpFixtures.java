package io.ringedge.media.sdp;

/**
 * Realistic SDPs, written after what each product sends (CRLF, as on the wire): Chrome's offer
 * (createOffer with audio only), Asterisk's chan_pjsip offer, FreeSWITCH's SDES-SRTP offer, and a
 * Chrome-style answer to our device offer.
 */
public final class SdpFixtures {

    private SdpFixtures() {
    }

    public static final String CHROME_OFFER = crlf("""
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=extmap-allow-mixed
            a=msid-semantic: WMS 6f4c1b7e-3a0e-4cf2-9b1e-2f6a1d0c9e11
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=candidate:2999745851 1 udp 2122260223 192.168.1.23 54400 typ host generation 0 network-id 1 network-cost 10
            a=candidate:1779021633 1 udp 1686052607 203.0.113.7 54400 typ srflx raddr 192.168.1.23 rport 54400 generation 0 network-id 1 network-cost 10
            a=candidate:4233069003 1 tcp 1518280447 192.168.1.23 9 typ host tcptype active generation 0 network-id 1 network-cost 10
            a=ice-ufrag:Lm8c
            a=ice-pwd:F7KqgsqS0i1QF2lc+G0rWk5x
            a=ice-options:trickle
            a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3B:4D:7E:F6:1F:7B:49:F2:4D:83:43:A3
            a=setup:actpass
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time
            a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01
            a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid
            a=sendrecv
            a=msid:6f4c1b7e-3a0e-4cf2-9b1e-2f6a1d0c9e11 0d1c0b8a-5e43-4f9e-a7d1-2c5b8e6f7a90
            a=rtcp-mux
            a=rtcp-rsize
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:63 red/48000/2
            a=fmtp:63 111/111
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            a=ssrc:3735928559 cname:q8dP3bd6V0Pp1sYv
            a=ssrc:3735928559 msid:6f4c1b7e-3a0e-4cf2-9b1e-2f6a1d0c9e11 0d1c0b8a-5e43-4f9e-a7d1-2c5b8e6f7a90
            """);

    public static final String ASTERISK_OFFER = crlf("""
            v=0
            o=- 1732181234 1732181234 IN IP4 198.51.100.10
            s=Asterisk
            c=IN IP4 198.51.100.10
            t=0 0
            m=audio 14562 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:150
            a=sendrecv
            """);

    public static final String FREESWITCH_SDES_OFFER = crlf("""
            v=0
            o=FreeSWITCH 1732160000 1732160001 IN IP4 198.51.100.20
            s=FreeSWITCH
            c=IN IP4 198.51.100.20
            t=0 0
            m=audio 24772 RTP/SAVP 8 0 101 13
            a=rtpmap:8 PCMA/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=rtpmap:13 CN/8000
            a=ptime:20
            a=crypto:1 AEAD_AES_256_GCM_8 inline:TzUWyu0n0Wh7H3Sx4LHn4UbNqvKgF6HzS8KXXHKmZAA9M2/i1N7jnoDhTTs=
            a=crypto:2 AES_256_CM_HMAC_SHA1_80 inline:BVn3CFbnFDp0rnLRwFmvmo25DUTWxr3kHR3KtEGbJeGCgRHn7ZyquYpBUvNhNQ==
            a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:sPvAxWrgEYBxiMG1Q1FTnSgY2Sw6WxPFv+ssQg+y|2^31|1:1
            a=crypto:4 AES_CM_128_HMAC_SHA1_32 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj
            a=rtcp:24773 IN IP4 198.51.100.20
            """);

    /** Chrome's answer to our device offer when it takes PCMU (the first codec we list). */
    public static final String CHROME_ANSWER_PCMU = crlf("""
            v=0
            o=- 8403615332048243445 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=msid-semantic: WMS 3c9f
            m=audio 9 UDP/TLS/RTP/SAVPF 0 8 111 126 110
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=candidate:3442447574 1 udp 2122260223 192.168.1.23 61022 typ host generation 0 network-id 1
            a=ice-ufrag:x9Zk
            a=ice-pwd:b8kGzCqXb3Va0yLwPzY1nT6e
            a=ice-options:trickle
            a=fingerprint:sha-256 0B:5E:3A:91:C4:7D:12:88:AF:60:31:9E:D2:44:7B:C3:55:E0:1F:6A:8D:B2:93:4C:71:05:E8:3F:A6:29:D0:17
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
            a=ssrc:1350287390 cname:Yq5sC3m0Z0vGSTpM
            """);

    /** The same answer with Opus forced (the device's codec preferences list only Opus). */
    public static final String CHROME_ANSWER_OPUS = CHROME_ANSWER_PCMU
            .replace("UDP/TLS/RTP/SAVPF 0 8 111 126 110", "UDP/TLS/RTP/SAVPF 111 110")
            .replace("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n", "")
            .replace("a=rtpmap:126 telephone-event/8000\r\n", "")
            .replace("a=setup:active", "a=setup:passive");

    /**
     * Firefox's answer to our device offer: fingerprint, ICE credentials and options at session
     * level (RFC 8866 §5: they apply to every media section), Opus chosen.
     */
    public static final String FIREFOX_ANSWER_OPUS = crlf("""
            v=0
            o=mozilla...THIS_IS_SDPARTA-128.0 7058279437389582428 0 IN IP4 0.0.0.0
            s=-
            t=0 0
            a=fingerprint:sha-256 7E:1F:22:9B:C0:44:5A:D8:03:6E:91:BB:2C:F4:10:87:A9:3D:E2:58:66:0C:B1:4F:D7:25:98:EE:3A:71:C6:09
            a=group:BUNDLE 0
            a=ice-options:trickle
            a=msid-semantic:WMS *
            m=audio 9 UDP/TLS/RTP/SAVPF 111 110
            c=IN IP4 0.0.0.0
            a=candidate:0 1 UDP 2122252543 3c2a1b9e-6d0f-4d7b-9a2e-5f1c8b7d6e4a.local 50112 typ host
            a=sendrecv
            a=end-of-candidates
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid
            a=fmtp:111 maxplaybackrate=48000;stereo=1;useinbandfec=1
            a=fmtp:110 0-15
            a=ice-pwd:1f0b6e8a3c9d4e2f7a6b5c4d3e2f1a0b
            a=ice-ufrag:9e3c1a7b
            a=mid:0
            a=msid:{4b2c8e1a-7f3d-4a9e-b6c5-2d1e0f9a8b7c} {9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d}
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            a=rtpmap:110 telephone-event/48000
            a=setup:active
            a=ssrc:2812471105 cname:{e0b2f4a6-1c3d-4e5f-8a9b-0c1d2e3f4a5b}
            """);

    public static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
