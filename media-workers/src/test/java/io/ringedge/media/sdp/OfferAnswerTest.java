package io.ringedge.media.sdp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.ringedge.media.sdp.SdpParserTest.parsed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OfferAnswerTest {

    static final WebRtcTransport OURS = new WebRtcTransport("203.0.113.50", 20002, "Rg7Q", "u2Xh9Lw0pQe3Vn5Zs8Ka1Bc4",
            List.of(Candidate.host("1", "203.0.113.50", 20002, 2130706431L)),
            Fingerprint.sha256(new byte[32]));
    static final byte[] OUR_KEY = new byte[30];

    static {
        Arrays.fill(OUR_KEY, (byte) 7);
    }

    /** Attributes whose presence toward a PBX causes 488s. */
    static final Set<String> WEBRTC_ONLY = Set.of("ice-ufrag", "ice-pwd", "ice-options", "candidate",
            "end-of-candidates", "fingerprint", "setup", "rtcp-mux", "mid", "group", "msid", "ssrc", "extmap", "rtcp-fb");

    static DeviceOffer deviceOffer(String pbxOffer) {
        Negotiated<DeviceOffer> result = OfferAnswer.deviceOffer(parsed(pbxOffer), OURS, 42);
        return assertInstanceOf(Negotiated.Agreed.class, result, () -> result.toString()).value() instanceof DeviceOffer d
                ? d : null;
    }

    static Negotiated<PbxAnswer> answer(String pbxOffer, String deviceAnswer) {
        return OfferAnswer.pbxAnswer(deviceOffer(pbxOffer).pbxTerms(), parsed(deviceAnswer), "203.0.113.50", 10000, 42,
                n -> Arrays.copyOf(OUR_KEY, n));
    }

    @Test
    void deviceOfferFromAsterisk() {
        SessionDescription offer = deviceOffer(SdpFixtures.ASTERISK_OFFER).sdp();
        // what we send must parse as valid SDP
        assertEquals(offer, parsed(offer.encode()));
        MediaDescription audio = offer.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(20002, audio.port());
        assertEquals(List.of("0", "8", "111", "126", "110"), audio.formats());
        assertEquals(Optional.of("Rg7Q"), audio.attribute("ice-ufrag"));
        assertEquals(Optional.of("u2Xh9Lw0pQe3Vn5Zs8Ka1Bc4"), audio.attribute("ice-pwd"));
        assertEquals(OURS.fingerprint(), Fingerprint.parse(audio.attribute("fingerprint").orElseThrow()));
        assertEquals(Optional.of("actpass"), audio.attribute("setup"));
        assertTrue(audio.rtcpMux());
        assertEquals(Optional.of("0"), audio.mid());
        assertEquals(List.of("0"), offer.bundleGroup().orElseThrow().mids());
        assertEquals(OURS.candidates(), audio.candidates());
        assertTrue(audio.has("end-of-candidates"));
        assertEquals("203.0.113.50", audio.connection().orElseThrow().address());
        assertTrue(audio.rtpmap(111).orElseThrow().is("opus", 48000));
        assertTrue(audio.rtpmap(126).orElseThrow().is("telephone-event", 8000));
        assertTrue(audio.rtpmap(110).orElseThrow().is("telephone-event", 48000));
        assertEquals(Optional.of(Direction.SENDRECV), audio.direction());
    }

    @Test
    void deviceOfferKeepsThePbxsCodecOrderAndDirection() {
        String holdOffer = SdpFixtures.FREESWITCH_SDES_OFFER.replace("a=ptime:20", "a=ptime:20\r\na=sendonly");
        MediaDescription audio = deviceOffer(holdOffer).sdp().media().get(0);
        assertEquals(List.of("8", "0", "111", "126", "110"), audio.formats());
        assertEquals(Optional.of(Direction.SENDONLY), audio.direction());
        assertFalse(audio.has("crypto"));
    }

    @Test
    void pbxTermsPickTheFirstUsableCryptoLine() {
        PbxOfferTerms terms = deviceOffer(SdpFixtures.FREESWITCH_SDES_OFFER).pbxTerms();
        // tag 1: unknown suite; 2: AES-256 not in our SRTP stack; 3: carries an MKI
        assertEquals(4, terms.crypto().orElseThrow().tag());
        assertEquals(24773, terms.remoteRtcpPort());
        assertEquals("198.51.100.20", terms.remoteAddress());
        assertEquals(101, terms.telephoneEvent().orElseThrow().payloadType());
    }

    static final String PBX_HEAD = "v=0\r\no=- 1 1 IN IP4 198.51.100.10\r\ns=-\r\nc=IN IP4 198.51.100.10\r\nt=0 0\r\n";

    static Stream<Arguments> pbxOffersRefused() {
        return Stream.of(
                Arguments.of("G.729 only", PBX_HEAD + "m=audio 4000 RTP/AVP 18 101\r\na=rtpmap:101 telephone-event/8000\r\n",
                        "no supported codec offered (offered: G729/8000"),
                Arguments.of("unknown dynamic payload without rtpmap", PBX_HEAD + "m=audio 4000 RTP/AVP 96\r\n",
                        "offered: 96"),
                Arguments.of("video only", PBX_HEAD + "m=video 4002 RTP/AVP 31\r\n", "no audio stream offered"),
                Arguments.of("audio disabled", PBX_HEAD + "m=audio 0 RTP/AVP 0\r\n", "no audio stream offered"),
                Arguments.of("SAVP without crypto", PBX_HEAD + "m=audio 4000 RTP/SAVP 0\r\n", "without a usable a=crypto (offered: none"),
                Arguments.of("SAVP with AES-256 only", PBX_HEAD + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_256_CM_HMAC_SHA1_80 "
                        + "inline:BVn3CFbnFDp0rnLRwFmvmo25DUTWxr3kHR3KtEGbJeGCgRHn7ZyquYpBUvNhNQ==\r\n", "offered: AES_256_CM_HMAC_SHA1_80"),
                Arguments.of("DTLS toward the PBX", SdpFixtures.CHROME_OFFER, "unsupported transport UDP/TLS/RTP/SAVPF"),
                Arguments.of("not RTP", PBX_HEAD + "m=audio 4000 udp 0\r\n", "unsupported transport udp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pbxOffersRefused")
    void pbxOfferRefusedWith488OnThePbxLeg(String name, String pbxOffer, String expectedInReason) {
        Negotiated.Rejected<?> rejected = assertInstanceOf(Negotiated.Rejected.class,
                OfferAnswer.deviceOffer(parsed(pbxOffer), OURS, 1));
        assertEquals(Leg.PBX, rejected.leg());
        assertEquals(488, rejected.sipStatus());
        assertTrue(rejected.reason().startsWith("PBX leg: "), rejected.reason());
        assertTrue(rejected.reason().contains(expectedInReason), rejected.reason());
    }

    record AnswerCase(String name, String pbxOffer, String deviceAnswer, MediaMode mode, String pbxCodec,
                      String deviceCodec, String proto, List<String> formats) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AnswerCase> agreedAnswers() {
        return Stream.of(
                new AnswerCase("Asterisk, device takes PCMU", SdpFixtures.ASTERISK_OFFER, SdpFixtures.CHROME_ANSWER_PCMU,
                        MediaMode.PASS_THROUGH, "PCMU/8000", "PCMU/8000", "RTP/AVP", List.of("0", "101")),
                new AnswerCase("Asterisk, device forces Opus", SdpFixtures.ASTERISK_OFFER, SdpFixtures.CHROME_ANSWER_OPUS,
                        MediaMode.TRANSCODE, "PCMU/8000", "opus/48000", "RTP/AVP", List.of("0", "101")),
                new AnswerCase("FreeSWITCH SDES, device takes PCMU", SdpFixtures.FREESWITCH_SDES_OFFER,
                        SdpFixtures.CHROME_ANSWER_PCMU, MediaMode.PASS_THROUGH, "PCMU/8000", "PCMU/8000", "RTP/SAVP",
                        List.of("0", "101")),
                new AnswerCase("FreeSWITCH SDES, device forces Opus: PBX's first choice PCMA",
                        SdpFixtures.FREESWITCH_SDES_OFFER, SdpFixtures.CHROME_ANSWER_OPUS, MediaMode.TRANSCODE, "PCMA/8000",
                        "opus/48000", "RTP/SAVP", List.of("8", "101")),
                new AnswerCase("PBX offers PCMA only, device lists PCMU anyway then Opus",
                        PBX_HEAD + "m=audio 4000 RTP/AVP 8\r\n", SdpFixtures.CHROME_ANSWER_PCMU.replace(
                                "UDP/TLS/RTP/SAVPF 0 8 111 126 110", "UDP/TLS/RTP/SAVPF 0 111 126 110"),
                        MediaMode.TRANSCODE, "PCMA/8000", "opus/48000", "RTP/AVP", List.of("8")),
                new AnswerCase("PBX without telephone-event", PBX_HEAD + "m=audio 4000 RTP/AVP 8 0\r\n",
                        SdpFixtures.CHROME_ANSWER_PCMU, MediaMode.PASS_THROUGH, "PCMU/8000", "PCMU/8000", "RTP/AVP",
                        List.of("0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agreedAnswers")
    void agreedAnswer(AnswerCase c) {
        PbxAnswer answer = assertInstanceOf(Negotiated.Agreed.class, answer(c.pbxOffer(), c.deviceAnswer())).value()
                instanceof PbxAnswer a ? a : null;
        AgreedMedia agreed = answer.agreed();
        assertEquals(c.mode(), agreed.mode());
        assertEquals(c.pbxCodec(), agreed.pbxCodec().name());
        assertEquals(c.deviceCodec(), agreed.deviceCodec().name());
        SessionDescription sdp = answer.sdp();
        assertEquals(sdp, parsed(sdp.encode()));
        MediaDescription audio = sdp.media().get(0);
        assertEquals(c.proto(), audio.proto());
        assertEquals(c.formats(), audio.formats());
        assertEquals(10000, audio.port());
        assertEquals("203.0.113.50", sdp.connection(audio).orElseThrow().address());
        for (Attribute a : sdp.attributes()) {
            assertFalse(WEBRTC_ONLY.contains(a.name()), "session attribute toward the PBX: " + a);
        }
        for (Attribute a : audio.attributes()) {
            assertFalse(WEBRTC_ONLY.contains(a.name()), "media attribute toward the PBX: " + a);
        }
        assertEquals(c.proto().equals("RTP/SAVP"), agreed.pbxSrtp().isPresent());
        // the device's telephone-event matches its codec's clock (RFC 4733 §2.5.1.1)
        int deviceRate = agreed.deviceCodec().rtpmap().clockRate();
        agreed.deviceTelephoneEvent().ifPresent(te -> assertEquals(deviceRate, te.rtpmap().clockRate()));
        assertTrue(agreed.deviceTelephoneEvent().isPresent());
        if (c.formats().size() > 1) {
            assertEquals(Optional.of("101 0-16"), audio.attribute("fmtp"));
            assertEquals(101, agreed.pbxTelephoneEvent().orElseThrow().payloadType());
        }
    }

    @Test
    void sdesAnswerEchoesTagAndSuiteWithOurKey() {
        PbxAnswer answer = (PbxAnswer) ((Negotiated.Agreed<?>) answer(SdpFixtures.FREESWITCH_SDES_OFFER,
                SdpFixtures.CHROME_ANSWER_PCMU)).value();
        Crypto ours = answer.sdp().media().get(0).cryptos().get(0);
        assertEquals(1, answer.sdp().media().get(0).cryptos().size());
        assertEquals(4, ours.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_32", ours.suite());
        assertArrayEquals(OUR_KEY, ours.keys().get(0).keyAndSalt());
        SdesKeys keys = answer.agreed().pbxSrtp().orElseThrow();
        assertEquals(io.ringedge.media.srtp.SrtpProfile.AES_CM_128_HMAC_SHA1_32, keys.profile());
        assertEquals(4, keys.theirs().tag());
    }

    @Test
    void deviceAnswerDetailsReachTheAgreement() {
        AgreedMedia pcmu = ((PbxAnswer) ((Negotiated.Agreed<?>) answer(SdpFixtures.ASTERISK_OFFER,
                SdpFixtures.CHROME_ANSWER_PCMU)).value()).agreed();
        assertEquals("x9Zk", pcmu.deviceIceUfrag());
        assertEquals("b8kGzCqXb3Va0yLwPzY1nT6e", pcmu.deviceIcePwd());
        assertEquals(1, pcmu.deviceCandidates().size());
        assertFalse(pcmu.weAreDtlsClient(), "device is active, so we are the DTLS server");
        assertEquals(126, pcmu.deviceTelephoneEvent().orElseThrow().payloadType());
        assertEquals("198.51.100.10", pcmu.pbxAddress());
        assertEquals(14562, pcmu.pbxRtpPort());
        assertEquals(14563, pcmu.pbxRtcpPort());

        AgreedMedia opus = ((PbxAnswer) ((Negotiated.Agreed<?>) answer(SdpFixtures.ASTERISK_OFFER,
                SdpFixtures.CHROME_ANSWER_OPUS)).value()).agreed();
        assertTrue(opus.weAreDtlsClient(), "device is passive, so we connect");
        assertEquals(110, opus.deviceTelephoneEvent().orElseThrow().payloadType());
    }

    @Test
    void firefoxSessionLevelIceAndFingerprintAreRead() {
        AgreedMedia agreed = ((PbxAnswer) ((Negotiated.Agreed<?>) answer(SdpFixtures.ASTERISK_OFFER,
                SdpFixtures.FIREFOX_ANSWER_OPUS)).value()).agreed();
        assertEquals(MediaMode.TRANSCODE, agreed.mode());
        assertEquals("9e3c1a7b", agreed.deviceIceUfrag());
        assertEquals("7E:1F:22:9B", agreed.deviceFingerprint().hex().substring(0, 11));
        assertEquals("3c2a1b9e-6d0f-4d7b-9a2e-5f1c8b7d6e4a.local", agreed.deviceCandidates().get(0).address());
        assertEquals(110, agreed.deviceTelephoneEvent().orElseThrow().payloadType());
    }

    @Test
    void otherPbxStreamsAreRefusedWithPortZero() {
        String offer = PBX_HEAD + "m=video 5000 RTP/AVP 31\r\nm=audio 4000 RTP/AVP 0\r\n";
        PbxAnswer answer = (PbxAnswer) ((Negotiated.Agreed<?>) answer(offer, SdpFixtures.CHROME_ANSWER_PCMU)).value();
        List<MediaDescription> media = answer.sdp().media();
        assertEquals(2, media.size());
        assertEquals("video 0 RTP/AVP 31", media.get(0).mLine());
        assertEquals("audio 10000 RTP/AVP 0", media.get(1).mLine());
    }

    static Stream<Arguments> deviceAnswersRefused() {
        String a = SdpFixtures.CHROME_ANSWER_PCMU;
        return Stream.of(
                Arguments.of("audio rejected", a.replace("m=audio 9 ", "m=audio 0 "), "rejected the audio stream"),
                Arguments.of("no fingerprint", a.replaceAll("a=fingerprint:[^\r]*\r\n", ""), "no a=fingerprint"),
                Arguments.of("no ice", a.replaceAll("a=ice-(ufrag|pwd):[^\r]*\r\n", ""), "no a=ice-ufrag"),
                Arguments.of("setup actpass", a.replace("a=setup:active", "a=setup:actpass"), "a=setup:actpass"),
                Arguments.of("plain RTP", a.replace("UDP/TLS/RTP/SAVPF", "RTP/AVP"), "answer uses RTP/AVP"),
                Arguments.of("no common codec", a.replace("UDP/TLS/RTP/SAVPF 0 8 111 126 110", "UDP/TLS/RTP/SAVPF 9 126")
                        + "a=rtpmap:9 G722/8000\r\n", "accepts none of the offered codecs"),
                Arguments.of("two m= lines", a + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n", "2 m= lines"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviceAnswersRefused")
    void deviceAnswerRefusedWith488OnTheDeviceLeg(String name, String deviceAnswer, String expectedInReason) {
        Negotiated.Rejected<?> rejected = assertInstanceOf(Negotiated.Rejected.class,
                answer(SdpFixtures.ASTERISK_OFFER, deviceAnswer));
        assertEquals(Leg.DEVICE, rejected.leg());
        assertEquals(488, rejected.sipStatus());
        assertTrue(rejected.reason().startsWith("device leg: "), rejected.reason());
        assertTrue(rejected.reason().contains(expectedInReason), rejected.reason());
    }
}
