package io.ringedge.media.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ringedge.media.Hex;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of RFC 5769 §2.1–§2.4, byte for byte as the RFC prints them: each is parsed
 * (FINGERPRINT and MESSAGE-INTEGRITY verified, attributes decoded) and built again from its
 * decoded values into exactly the same octets.
 */
class Rfc5769Test {
    static final byte[] TRANSACTION_ID = Hex.bytes("b7 e7 a7 01 bc 34 d6 86 fa 87 df ae");
    static final byte[] SHORT_TERM_KEY = StunCredentials.shortTermKey("VOkJxbRl1RmTxUk/WvJxBt");

    /** §2.1 Sample Request. */
    static final byte[] REQUEST = Hex.bytes("""
            00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
            00 24 00 04 6e 00 01 ff
            80 29 00 08 93 2f f9 b1 51 26 3b 36
            00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
            00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
            80 28 00 04 e5 7a 3b cf""");

    /** §2.2 Sample IPv4 Response. */
    static final byte[] IPV4_RESPONSE = Hex.bytes("""
            01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 08 00 01 a1 47 e1 12 a6 43
            00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
            80 28 00 04 c0 7d 4c 96""");

    /** §2.3 Sample IPv6 Response. */
    static final byte[] IPV6_RESPONSE = Hex.bytes("""
            01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
            80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
            00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
            00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
            80 28 00 04 c8 fb 0b 4c""");

    /** §2.4 Sample Request with Long-Term Authentication. */
    static final byte[] LONG_TERM_REQUEST = Hex.bytes("""
            00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
            00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
            00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
            00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
            00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66""");
    /** "マトリックス" (the Matrix, in katakana): §2.4's username. */
    static final String LONG_TERM_USERNAME = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    /** "TheMatrIX": the SASLprep form of §2.4's password "TheMªtrⅨ". */
    static final byte[] LONG_TERM_KEY = StunCredentials.longTermKey(LONG_TERM_USERNAME, "example.org", "TheMatrIX");

    @Test
    void sampleRequest() {
        StunMessage message = parsed(REQUEST, SHORT_TERM_KEY);
        assertEquals(StunMessageType.BINDING_REQUEST, message.type());
        assertEquals(Hex.of(TRANSACTION_ID), Hex.of(message.transactionId()));
        assertEquals("STUN test client", message.software().orElseThrow());
        assertEquals(0x6e0001ffL, message.priority().orElseThrow());
        assertEquals(0x932ff9b151263b36L, message.iceControlled().orElseThrow());
        assertEquals("evtj:h6vY", message.username().orElseThrow());
        assertTrue(message.has(StunAttribute.FINGERPRINT));
        assertFalse(message.useCandidate());
        assertEquals(0, message.unknownComprehensionRequired().length);

        byte[] rebuilt = StunMessageBuilder.of(StunMessageType.BINDING_REQUEST, TRANSACTION_ID)
                .padding((byte) ' ')
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .buildWithIntegrity(SHORT_TERM_KEY, true);
        assertEquals(Hex.of(REQUEST), Hex.of(rebuilt));
    }

    @Test
    void sampleIpv4Response() throws Exception {
        StunMessage message = parsed(IPV4_RESPONSE, SHORT_TERM_KEY);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertEquals(StunMessageType.BINDING_SUCCESS, message.type());
        assertEquals("test vector", message.software().orElseThrow());
        assertEquals(mapped, message.xorMappedAddress().orElseThrow());

        byte[] rebuilt = StunMessageBuilder.of(StunMessageType.BINDING_SUCCESS, TRANSACTION_ID)
                .padding((byte) ' ')
                .software("test vector")
                .xorMappedAddress(mapped)
                .buildWithIntegrity(SHORT_TERM_KEY, true);
        assertEquals(Hex.of(IPV4_RESPONSE), Hex.of(rebuilt));
    }

    @Test
    void sampleIpv6Response() throws Exception {
        StunMessage message = parsed(IPV6_RESPONSE, SHORT_TERM_KEY);
        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertEquals(mapped, message.xorMappedAddress().orElseThrow());

        byte[] rebuilt = StunMessageBuilder.of(StunMessageType.BINDING_SUCCESS, TRANSACTION_ID)
                .padding((byte) ' ')
                .software("test vector")
                .xorMappedAddress(mapped)
                .buildWithIntegrity(SHORT_TERM_KEY, true);
        assertEquals(Hex.of(IPV6_RESPONSE), Hex.of(rebuilt));
    }

    @Test
    void sampleRequestWithLongTermAuthentication() {
        StunMessage message = parsed(LONG_TERM_REQUEST, LONG_TERM_KEY);
        assertEquals(LONG_TERM_USERNAME, message.username().orElseThrow());
        assertEquals("f//499k954d6OL34oL9FSTvy64sA", message.nonce().orElseThrow());
        assertEquals("example.org", message.realm().orElseThrow());
        assertFalse(message.has(StunAttribute.FINGERPRINT));
        assertFalse(message.verifyIntegrity(StunCredentials.longTermKey(LONG_TERM_USERNAME, "example.org", "thematrix")));

        byte[] rebuilt = StunMessageBuilder.of(StunMessageType.BINDING_REQUEST, message.transactionId())
                .username(LONG_TERM_USERNAME)
                .nonce("f//499k954d6OL34oL9FSTvy64sA")
                .realm("example.org")
                .buildWithIntegrity(LONG_TERM_KEY, false);
        assertEquals(Hex.of(LONG_TERM_REQUEST), Hex.of(rebuilt));
    }

    static StunMessage parsed(byte[] datagram, byte[] key) {
        StunParseResult result = StunParser.parse(datagram, 0, datagram.length, key);
        return assertInstanceOf(StunParseResult.Parsed.class, result, () -> result.toString()).message();
    }
}
