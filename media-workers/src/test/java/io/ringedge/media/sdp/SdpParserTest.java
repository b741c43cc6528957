package io.ringedge.media.sdp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpParserTest {

    static SessionDescription parsed(String sdp) {
        SdpParseResult result = SdpParser.parse(sdp);
        if (result instanceof SdpParseResult.Invalid(String reason)) {
            throw new AssertionError("expected valid SDP, got: " + reason);
        }
        return ((SdpParseResult.Parsed) result).description();
    }

    static String invalidReason(String sdp) {
        return assertInstanceOf(SdpParseResult.Invalid.class, SdpParser.parse(sdp)).reason();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CHROME_OFFER", "ASTERISK_OFFER", "FREESWITCH_SDES_OFFER", "CHROME_ANSWER_PCMU",
            "CHROME_ANSWER_OPUS", "FIREFOX_ANSWER_OPUS"})
    void realSdpRoundTripsByteForByte(String fixture) throws ReflectiveOperationException {
        String sdp = (String) SdpFixtures.class.getDeclaredField(fixture).get(null);
        SessionDescription description = parsed(sdp);
        assertEquals(sdp, description.encode());
        assertEquals(description, parsed(description.encode()));
    }

    @Test
    void lfOnlyLineEndingsAreAcceptedAndCrlfIsWritten() {
        String lf = SdpFixtures.ASTERISK_OFFER.replace("\r\n", "\n");
        assertEquals(SdpFixtures.ASTERISK_OFFER, parsed(lf).encode());
    }

    @Test
    void chromeOfferTypedViews() {
        SessionDescription sdp = parsed(SdpFixtures.CHROME_OFFER);
        MediaDescription audio = sdp.media().get(0);
        assertEquals("UDP/TLS/RTP/SAVPF", audio.proto());
        assertEquals(List.of(111, 63, 9, 0, 8, 13, 110, 126), audio.payloadTypes());
        assertEquals(new Rtpmap(111, "opus", 48000, OptionalInt.of(2)), audio.rtpmap(111).orElseThrow());
        assertEquals("minptime=10;useinbandfec=1", audio.fmtp(111).orElseThrow().parameters());
        assertTrue(audio.rtpmap(110).orElseThrow().is("telephone-event", 48000));
        assertEquals(Optional.of(Direction.SENDRECV), audio.direction());
        assertTrue(audio.rtcpMux());
        assertTrue(audio.isDtls());
        assertEquals(Optional.of("0"), audio.mid());
        assertEquals(List.of("0"), sdp.bundleGroup().orElseThrow().mids());
        assertEquals(Setup.ACTPASS, Setup.parse(audio.attribute("setup").orElseThrow()));
        assertEquals(32, Fingerprint.parse(audio.attribute("fingerprint").orElseThrow()).bytes().length);
        assertEquals(new RtcpAddress(9, Optional.of(Connection.ip4("0.0.0.0"))),
                RtcpAddress.parse(audio.attribute("rtcp").orElseThrow()));
        List<Candidate> candidates = audio.candidates();
        assertEquals(3, candidates.size());
        Candidate srflx = candidates.get(1);
        assertEquals("srflx", srflx.type());
        assertEquals(Optional.of("192.168.1.23"), srflx.relatedAddress());
        assertEquals(OptionalInt.of(54400), srflx.relatedPort());
        assertEquals(1686052607L, srflx.priority());
        assertEquals(List.of("generation", "0", "network-id", "1", "network-cost", "10"), srflx.extensions());
        assertEquals("tcp", candidates.get(2).transport());
        // unknown attributes survive verbatim, including Chrome's odd "msid-semantic: WMS"
        assertEquals(Optional.of(" WMS 6f4c1b7e-3a0e-4cf2-9b1e-2f6a1d0c9e11"), sdp.attribute("msid-semantic"));
        assertTrue(sdp.attribute("extmap-allow-mixed").isPresent());
    }

    @Test
    void asteriskOfferUsesSessionConnection() {
        SessionDescription sdp = parsed(SdpFixtures.ASTERISK_OFFER);
        MediaDescription audio = sdp.media().get(0);
        assertEquals("198.51.100.10", sdp.connection(audio).orElseThrow().address());
        assertEquals(14562, audio.port());
        assertFalse(audio.isSecure());
        assertEquals("telephone-event", audio.rtpmap(101).orElseThrow().encoding());
        assertEquals(Optional.of("150"), audio.attribute("maxptime"));
    }

    @Test
    void freeswitchCryptoLines() {
        MediaDescription audio = parsed(SdpFixtures.FREESWITCH_SDES_OFFER).media().get(0);
        List<Crypto> cryptos = audio.cryptos();
        assertEquals(4, cryptos.size());
        Crypto withMki = cryptos.get(2);
        assertEquals(3, withMki.tag());
        assertEquals("AES_CM_128_HMAC_SHA1_80", withMki.suite());
        assertEquals(30, withMki.keys().get(0).keyAndSalt().length);
        assertEquals(Optional.of("2^31"), withMki.keys().get(0).lifetime());
        assertEquals(Optional.of("1:1"), withMki.keys().get(0).mki());
        assertEquals("AES_CM_128_HMAC_SHA1_32", cryptos.get(3).suite());
        assertTrue(audio.isSecure());
        assertEquals(24773, RtcpAddress.parse(audio.attribute("rtcp").orElseThrow()).port());
    }

    @Test
    void staticPayloadTypesWithoutRtpmap() {
        MediaDescription audio = parsed(SdpFixtures.crlf("""
                v=0
                o=- 1 1 IN IP4 10.0.0.1
                s=-
                c=IN IP4 10.0.0.1
                t=0 0
                m=audio 4000 RTP/AVP 0 8 18
                """)).media().get(0);
        assertEquals("PCMU", audio.rtpmap(0).orElseThrow().encoding());
        assertEquals("PCMA", audio.rtpmap(8).orElseThrow().encoding());
        assertEquals("G729", audio.rtpmap(18).orElseThrow().encoding());
    }

    static final String MINIMAL_HEAD = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n";
    static final String AUDIO = "m=audio 4000 RTP/AVP 0\r\n";

    static Stream<Arguments> badSdp() {
        return Stream.of(
                Arguments.of("empty", "", "empty SDP"),
                Arguments.of("no v= line", "o=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n", "must start with v="),
                Arguments.of("v=1", "v=1\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n", "only v=0"),
                Arguments.of("garbage", "hello world", "must start with v="),
                Arguments.of("no o=", "v=0\r\ns=-\r\nt=0 0\r\n", "expected o="),
                Arguments.of("short o=", "v=0\r\no=- 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n", "o= must have 6 fields"),
                Arguments.of("no t=", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\n" + AUDIO, "no t="),
                Arguments.of("c= before s=", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n",
                        "expected s="),
                Arguments.of("a= before t=", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\na=sendrecv\r\nt=0 0\r\n",
                        "out of order"),
                Arguments.of("unknown type letter", MINIMAL_HEAD + "x=1\r\n", "unknown or misplaced line type"),
                Arguments.of("space before =", MINIMAL_HEAD + "a =sendrecv\r\n", "not a '<type>=<value>' line"),
                Arguments.of("upper-case type", MINIMAL_HEAD + "A=sendrecv\r\n", "not a '<type>=<value>' line"),
                Arguments.of("blank line inside", MINIMAL_HEAD + "\r\n" + AUDIO, "not a '<type>=<value>' line"),
                Arguments.of("NUL byte", MINIMAL_HEAD + "a=tool:x\0y\r\n", "NUL"),
                Arguments.of("bad c=", MINIMAL_HEAD.replace("c=IN IP4 10.0.0.1", "c=IN IPX 10.0.0.1"), "IP4 or IP6"),
                Arguments.of("m= without c=", "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nt=0 0\r\n" + AUDIO, "no c="),
                Arguments.of("m= port not a number", MINIMAL_HEAD + "m=audio abc RTP/AVP 0\r\n", "m= port"),
                Arguments.of("m= port too big", MINIMAL_HEAD + "m=audio 70000 RTP/AVP 0\r\n", "m= port"),
                Arguments.of("m= without formats", MINIMAL_HEAD + "m=audio 4000 RTP/AVP\r\n", "needs media, port"),
                Arguments.of("double space in m=", MINIMAL_HEAD + "m=audio  4000 RTP/AVP 0\r\n", "one space"),
                Arguments.of("rtpmap pt 200", MINIMAL_HEAD + AUDIO + "a=rtpmap:200 PCMU/8000\r\n", "payload type"),
                Arguments.of("rtpmap without rate", MINIMAL_HEAD + AUDIO + "a=rtpmap:0 PCMU\r\n", "rtpmap"),
                Arguments.of("sendrecv with value", MINIMAL_HEAD + AUDIO + "a=sendrecv:yes\r\n", "takes no value"),
                Arguments.of("ptime not a number", MINIMAL_HEAD + AUDIO + "a=ptime:twenty\r\n", "ptime"),
                Arguments.of("crypto not base64", MINIMAL_HEAD + AUDIO + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:@@@@\r\n",
                        "not base64"),
                Arguments.of("crypto short key", MINIMAL_HEAD + AUDIO + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA\r\n",
                        "needs 30 bytes"),
                Arguments.of("crypto other key method", MINIMAL_HEAD + AUDIO + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:x\r\n",
                        "inline"),
                Arguments.of("fingerprint not hex", MINIMAL_HEAD + AUDIO + "a=fingerprint:sha-256 ZZ:00\r\n", "hex"),
                Arguments.of("fingerprint short", MINIMAL_HEAD + AUDIO + "a=fingerprint:sha-256 AB:CD\r\n", "32 bytes"),
                Arguments.of("setup unknown", MINIMAL_HEAD + AUDIO + "a=setup:both\r\n", "setup must be"),
                Arguments.of("candidate without typ", MINIMAL_HEAD + AUDIO + "a=candidate:1 1 UDP 1 10.0.0.1 5000 host\r\n",
                        "candidate"),
                Arguments.of("candidate component 0", MINIMAL_HEAD + AUDIO + "a=candidate:1 0 UDP 1 10.0.0.1 5000 typ host\r\n",
                        "candidate component"),
                Arguments.of("ice-pwd too short", MINIMAL_HEAD + AUDIO + "a=ice-pwd:short\r\n", "ice-pwd"),
                Arguments.of("extmap id 0", MINIMAL_HEAD + AUDIO + "a=extmap:0 urn:x\r\n", "extmap id"),
                Arguments.of("ssrc not a number", MINIMAL_HEAD + AUDIO + "a=ssrc:x cname:y\r\n", "ssrc id"),
                Arguments.of("rtcp port too big", MINIMAL_HEAD + AUDIO + "a=rtcp:99999\r\n", "rtcp port"),
                Arguments.of("attribute name not a token", MINIMAL_HEAD + AUDIO + "a=bad name\r\n", "not a token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSdp")
    void badSdpIsAnInvalidValueWithAReason(String name, String sdp, String expectedInReason) {
        String reason = invalidReason(sdp);
        assertTrue(reason.contains(expectedInReason), () -> "reason '" + reason + "' lacks '" + expectedInReason + "'");
    }

    @Test
    void nullIsInvalidNotAnException() {
        assertEquals("empty SDP", invalidReason(null));
    }

    @Test
    void absurdSizesAreRefused() {
        String big = MINIMAL_HEAD + AUDIO + ("a=x-pad:" + "y".repeat(1000) + "\r\n").repeat(70);
        assertTrue(invalidReason(big).contains("larger than 65536 bytes"));

        String manyMedia = MINIMAL_HEAD + AUDIO.repeat(SdpParser.MAX_MEDIA + 1);
        assertTrue(invalidReason(manyMedia).contains("more than 50 m= lines"));
        assertEquals(SdpParser.MAX_MEDIA, parsed(MINIMAL_HEAD + AUDIO.repeat(SdpParser.MAX_MEDIA)).media().size());

        String manyAttributes = MINIMAL_HEAD + AUDIO + "a=x\r\n".repeat(SdpParser.MAX_ATTRIBUTES + 1);
        assertTrue(invalidReason(manyAttributes).contains("more than 1000 attributes"));
        assertEquals(SdpParser.MAX_ATTRIBUTES,
                parsed(MINIMAL_HEAD + AUDIO + "a=x\r\n".repeat(SdpParser.MAX_ATTRIBUTES)).media().get(0).attributes().size());
    }

    @Test
    void invalidReasonNamesTheLine() {
        assertTrue(invalidReason(MINIMAL_HEAD + AUDIO + "a=rtpmap:0 PCMU\r\n").startsWith("line 7: "));
    }
}
