package io.ringedge.media.stun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed input yields a {@link StunParseResult.Malformed} naming the problem, never an exception. */
class StunMalformedTest {
    private static final byte[] TX = Rfc5769Test.TRANSACTION_ID;

    static Stream<Arguments> mutationsOfTheSampleRequest() {
        return Stream.of(
                Arguments.of("shorter than a header", cut(19), StunProblem.TRUNCATED),
                Arguments.of("declared length beyond the datagram", cut(Rfc5769Test.REQUEST.length - 4), StunProblem.TRUNCATED),
                Arguments.of("first bit set (an RTP packet)", set(0, 0x80), StunProblem.NOT_STUN),
                Arguments.of("wrong magic cookie", set(4, 0x22), StunProblem.NOT_STUN),
                Arguments.of("length not a multiple of 4", set(3, 0x57), StunProblem.BAD_LENGTH),
                Arguments.of("trailing octets after the message", append(new byte[4]), StunProblem.BAD_LENGTH),
                Arguments.of("SOFTWARE value runs past the end", set(22, 0x01), StunProblem.ATTRIBUTE_OVERRUN),
                Arguments.of("PRIORITY of 5 octets", set(43, 0x05), StunProblem.BAD_ATTRIBUTE),
                Arguments.of("one flipped octet under FINGERPRINT", flip(30), StunProblem.BAD_FINGERPRINT));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("mutationsOfTheSampleRequest")
    void mutationsAreNamed(String what, UnaryOperator<byte[]> mutation, StunProblem expected) {
        byte[] datagram = mutation.apply(Rfc5769Test.REQUEST.clone());
        assertProblem(expected, StunParser.parse(datagram, 0, datagram.length));
    }

    @Test
    void wrongMessageIntegrityIsAParseFailureWhenAKeyIsRequired() {
        byte[] request = Rfc5769Test.REQUEST;
        assertProblem(StunProblem.WRONG_MESSAGE_INTEGRITY,
                StunParser.parse(request, 0, request.length, StunCredentials.shortTermKey("not-the-password")));
        // §2.4 has no FINGERPRINT: a changed NONCE octet is caught by MESSAGE-INTEGRITY alone.
        byte[] longTerm = Rfc5769Test.LONG_TERM_REQUEST.clone();
        longTerm[50] ^= 0x01;
        assertProblem(StunProblem.WRONG_MESSAGE_INTEGRITY,
                StunParser.parse(longTerm, 0, longTerm.length, Rfc5769Test.LONG_TERM_KEY));
        byte[] unsigned = StunMessageBuilder.of(StunMessageType.BINDING_REQUEST, TX).username("a:b").buildWithFingerprint();
        assertProblem(StunProblem.MISSING_MESSAGE_INTEGRITY,
                StunParser.parse(unsigned, 0, unsigned.length, Rfc5769Test.SHORT_TERM_KEY));
    }

    @Test
    void attributesOfTheWrongSizeOrContentAreRejected() {
        assertProblem(StunProblem.OVERSIZE_ATTRIBUTE, parse(builder().attribute(StunAttribute.USERNAME, new byte[513])));
        assertProblem(StunProblem.OVERSIZE_ATTRIBUTE, parse(builder().attribute(StunAttribute.SOFTWARE, new byte[763])));
        assertProblem(StunProblem.OVERSIZE_ATTRIBUTE, parse(builder().attribute(StunAttribute.NONCE, new byte[2000])));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.MESSAGE_INTEGRITY, new byte[10])));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.PRIORITY, new byte[8])));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.USE_CANDIDATE, new byte[4])));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.ICE_CONTROLLING, new byte[4])));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.XOR_MAPPED_ADDRESS, new byte[] {0, 3, 0, 1, 1, 2, 3, 4})));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.MAPPED_ADDRESS, new byte[] {0, 1, 0, 1, 1, 2, 3})));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.ERROR_CODE, new byte[] {0, 0, 2, 0})));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.ERROR_CODE, new byte[] {0, 0, 4, 100})));
        assertProblem(StunProblem.BAD_ATTRIBUTE, parse(builder().attribute(StunAttribute.FINGERPRINT, new byte[8])));
    }

    @Test
    void fingerprintMustBeLastButAttributesAfterMessageIntegrityAreIgnored() {
        byte[] withFingerprint = builder().username("a:b").buildWithFingerprint();
        byte[] extended = appendAttribute(withFingerprint, StunAttribute.SOFTWARE, "late");
        assertProblem(StunProblem.ATTRIBUTE_AFTER_FINGERPRINT, StunParser.parse(extended, 0, extended.length));

        byte[] longTerm = appendAttribute(Rfc5769Test.LONG_TERM_REQUEST, StunAttribute.SOFTWARE, "late");
        StunMessage message = Rfc5769Test.parsed(longTerm, Rfc5769Test.LONG_TERM_KEY);
        assertFalse(message.software().isPresent(), "attributes after MESSAGE-INTEGRITY are ignored (RFC 8489 §14.5)");
    }

    @Test
    void errorCodesAndUnknownRequiredAttributesReachTheCaller() {
        byte[] response = StunMessageBuilder.of(StunMessageType.BINDING_ERROR, TX)
                .errorCode(new StunErrorCode(StunErrorCode.ROLE_CONFLICT, "Role Conflict"))
                .attribute(0x0003, new byte[4])
                .attribute(0xC001, new byte[3])
                .buildWithFingerprint();
        StunMessage message = Rfc5769Test.parsed(response, null);
        assertEquals(StunMessageType.BINDING_ERROR, message.type());
        assertEquals(new StunErrorCode(487, "Role Conflict"), message.errorCode().orElseThrow());
        assertEquals("[3]", Arrays.toString(message.unknownComprehensionRequired()));
    }

    @Test
    void iceAttributesAndAddressesRoundTrip() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 50000);
        byte[] datagram = builder()
                .username("remote:local")
                .priority(0xFFFF_FFFFL)
                .iceControlling(-2L)
                .useCandidate()
                .mappedAddress(v4)
                .buildWithIntegrity(Rfc5769Test.SHORT_TERM_KEY, true);
        StunMessage message = Rfc5769Test.parsed(datagram, Rfc5769Test.SHORT_TERM_KEY);
        assertEquals("remote:local", message.username().orElseThrow());
        assertEquals(0xFFFF_FFFFL, message.priority().orElseThrow());
        assertEquals(-2L, message.iceControlling().orElseThrow());
        assertTrue(message.useCandidate());
        assertEquals(v4, message.mappedAddress().orElseThrow());
        assertFalse(message.iceControlled().isPresent());
    }

    @Test
    void aResponseCarriesTheRequestsTransactionIdAndTheSourceAddress() throws Exception {
        StunMessage request = Rfc5769Test.parsed(Rfc5769Test.REQUEST, Rfc5769Test.SHORT_TERM_KEY);
        InetSocketAddress source = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 61000);
        byte[] datagram = StunMessageBuilder.responseTo(request, StunClass.SUCCESS_RESPONSE)
                .xorMappedAddress(source)
                .buildWithIntegrity(Rfc5769Test.SHORT_TERM_KEY, true);
        StunMessage response = Rfc5769Test.parsed(datagram, Rfc5769Test.SHORT_TERM_KEY);
        assertEquals(StunMessageType.BINDING_SUCCESS, response.type());
        assertEquals(Arrays.toString(request.transactionId()), Arrays.toString(response.transactionId()));
        assertEquals(source, response.xorMappedAddress().orElseThrow());
    }

    @Test
    void messageTypesEncodeMethodAndClassBits() {
        assertEquals(0x0001, StunMessageType.BINDING_REQUEST.encode());
        assertEquals(0x0011, StunMessageType.BINDING_INDICATION.encode());
        assertEquals(0x0101, StunMessageType.BINDING_SUCCESS.encode());
        assertEquals(0x0111, StunMessageType.BINDING_ERROR.encode());
        for (int method = 0; method <= 0xFFF; method += 0x123) {
            for (StunClass c : StunClass.values()) {
                StunMessageType type = new StunMessageType(method, c);
                assertEquals(type, StunMessageType.decode(type.encode()));
            }
        }
    }

    @Test
    void randomTruncatedAndBitFlippedInputNeverThrows() {
        SplittableRandom random = new SplittableRandom(5769);
        byte[][] seeds = {Rfc5769Test.REQUEST, Rfc5769Test.IPV4_RESPONSE, Rfc5769Test.IPV6_RESPONSE, Rfc5769Test.LONG_TERM_REQUEST};
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = seeds[i % seeds.length];
            byte[] datagram = switch (i % 4) {
                case 0 -> {
                    byte[] noise = new byte[random.nextInt(120)];
                    random.nextBytes(noise);
                    yield noise;
                }
                case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length));
                case 2 -> {
                    byte[] flipped = seed.clone();
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                    yield flipped;
                }
                default -> { // a valid header over a random TLV soup
                    byte[] soup = new byte[20 + 4 * random.nextInt(30)];
                    random.nextBytes(soup);
                    System.arraycopy(seed, 0, soup, 0, 20);
                    soup[2] = (byte) ((soup.length - 20) >>> 8);
                    soup[3] = (byte) (soup.length - 20);
                    yield soup;
                }
            };
            StunParseResult result = StunParser.parse(datagram, 0, datagram.length, Rfc5769Test.SHORT_TERM_KEY);
            assertNotNull(result);
            if (result instanceof StunParseResult.Parsed parsed) {
                StunMessage m = parsed.message(); // every accessor is safe on what the parser admits
                m.username(); m.software(); m.priority(); m.errorCode(); m.xorMappedAddress(); m.mappedAddress();
                m.iceControlled(); m.iceControlling(); m.unknownComprehensionRequired();
            }
        }
        assertProblem(StunProblem.TRUNCATED, StunParser.parse(null, 0, 0));
        assertProblem(StunProblem.TRUNCATED, StunParser.parse(Rfc5769Test.REQUEST, 90, 40));
    }

    private static StunMessageBuilder builder() {
        return StunMessageBuilder.of(StunMessageType.BINDING_REQUEST, TX);
    }

    private static StunParseResult parse(StunMessageBuilder builder) {
        byte[] datagram = builder.build();
        return StunParser.parse(datagram, 0, datagram.length);
    }

    private static void assertProblem(StunProblem expected, StunParseResult result) {
        StunParseResult.Malformed malformed = assertInstanceOf(StunParseResult.Malformed.class, result, () -> result.toString());
        assertEquals(expected, malformed.problem(), malformed.detail());
    }

    private static byte[] appendAttribute(byte[] message, int type, String value) {
        byte[] text = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int padded = (text.length + 3) & ~3;
        byte[] out = Arrays.copyOf(message, message.length + 4 + padded);
        int at = message.length;
        out[at] = (byte) (type >>> 8);
        out[at + 1] = (byte) type;
        out[at + 3] = (byte) text.length;
        System.arraycopy(text, 0, out, at + 4, text.length);
        int length = out.length - 20;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        return out;
    }

    private static UnaryOperator<byte[]> cut(int length) {
        return bytes -> Arrays.copyOf(bytes, length);
    }

    private static UnaryOperator<byte[]> set(int index, int value) {
        return bytes -> {
            bytes[index] = (byte) value;
            return bytes;
        };
    }

    private static UnaryOperator<byte[]> flip(int index) {
        return bytes -> {
            bytes[index] ^= 0x01;
            return bytes;
        };
    }

    private static UnaryOperator<byte[]> append(byte[] extra) {
        return bytes -> {
            byte[] out = Arrays.copyOf(bytes, bytes.length + extra.length);
            System.arraycopy(extra, 0, out, bytes.length, extra.length);
            return out;
        };
    }
}
