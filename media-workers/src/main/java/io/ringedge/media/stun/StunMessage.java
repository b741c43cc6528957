package io.ringedge.media.stun;

import io.ringedge.media.stun.internal.StunIntegrity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A STUN message that passed {@link StunParser}: its own copy of the octets, the attribute
 * directory built while validating, and typed accessors. Every attribute the accessors decode was
 * size-checked by the parser, so they cannot fail. Of repeated attributes the first counts;
 * attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (RFC 8489 §14.5).
 */
public final class StunMessage {
    static final int HEADER = 20;
    static final int MAGIC_COOKIE = 0x2112_A442;

    private final byte[] raw;
    private final StunMessageType type;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;
    private final int integrityOffset;

    StunMessage(byte[] raw, StunMessageType type, int[] types, int[] offsets, int[] lengths, int integrityOffset) {
        this.raw = raw;
        this.type = type;
        this.types = types;
        this.offsets = offsets;
        this.lengths = lengths;
        this.integrityOffset = integrityOffset;
    }

    public StunMessageType type() {
        return type;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(raw, 8, HEADER);
    }

    /** The message as received. */
    public byte[] bytes() {
        return raw.clone();
    }

    /** Attribute types in message order (those ignored after MESSAGE-INTEGRITY excluded). */
    public int[] attributeTypes() {
        return types.clone();
    }

    public boolean has(int attributeType) {
        return indexOf(attributeType) >= 0;
    }

    /** The value octets of the first attribute of {@code attributeType}. */
    public Optional<byte[]> value(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(raw, offsets[i], offsets[i] + lengths[i]));
    }

    /** Comprehension-required attributes this implementation does not know (RFC 8489 §6.3.1: 420). */
    public int[] unknownComprehensionRequired() {
        return Arrays.stream(types)
                .filter(t -> StunAttribute.isComprehensionRequired(t) && !StunAttribute.isKnown(t))
                .toArray();
    }

    public Optional<String> username() {
        return text(StunAttribute.USERNAME);
    }

    public Optional<String> software() {
        return text(StunAttribute.SOFTWARE);
    }

    public Optional<String> realm() {
        return text(StunAttribute.REALM);
    }

    public Optional<String> nonce() {
        return text(StunAttribute.NONCE);
    }

    /** PRIORITY (RFC 8445 §16.1), an unsigned 32-bit value. */
    public OptionalLong priority() {
        int i = indexOf(StunAttribute.PRIORITY);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(readInt(offsets[i]) & 0xFFFF_FFFFL);
    }

    public boolean useCandidate() {
        return has(StunAttribute.USE_CANDIDATE);
    }

    /** ICE-CONTROLLED tie-breaker (RFC 8445 §16.1), 64 bits. */
    public OptionalLong iceControlled() {
        return tieBreaker(StunAttribute.ICE_CONTROLLED);
    }

    /** ICE-CONTROLLING tie-breaker (RFC 8445 §16.1), 64 bits. */
    public OptionalLong iceControlling() {
        return tieBreaker(StunAttribute.ICE_CONTROLLING);
    }

    public Optional<StunErrorCode> errorCode() {
        int i = indexOf(StunAttribute.ERROR_CODE);
        if (i < 0) {
            return Optional.empty();
        }
        int at = offsets[i];
        int code = (raw[at + 2] & 0x07) * 100 + (raw[at + 3] & 0xFF);
        String reason = new String(raw, at + 4, lengths[i] - 4, StandardCharsets.UTF_8);
        return Optional.of(new StunErrorCode(code, reason));
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2), un-XOR-ed with the cookie and transaction id. */
    public Optional<InetSocketAddress> xorMappedAddress() {
        return address(StunAttribute.XOR_MAPPED_ADDRESS, true);
    }

    /** MAPPED-ADDRESS (RFC 8489 §14.1), from servers that predate XOR-MAPPED-ADDRESS. */
    public Optional<InetSocketAddress> mappedAddress() {
        return address(StunAttribute.MAPPED_ADDRESS, false);
    }

    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    /**
     * Whether MESSAGE-INTEGRITY is present and verifies with {@code key} (RFC 8489 §14.5): the
     * HMAC covers the message up to the attribute, with the length field counting up to its end.
     */
    public boolean verifyIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        int valueAt = integrityOffset + 4;
        byte[] expected = StunIntegrity.hmacSha1(key, raw, integrityOffset, valueAt + StunIntegrity.HMAC_LENGTH - HEADER);
        return StunIntegrity.matches(expected, raw, valueAt);
    }

    private Optional<InetSocketAddress> address(int attributeType, boolean xor) {
        int i = indexOf(attributeType);
        if (i < 0) {
            return Optional.empty();
        }
        int at = offsets[i];
        int port = ((raw[at + 2] & 0xFF) << 8) | (raw[at + 3] & 0xFF);
        byte[] address = Arrays.copyOfRange(raw, at + 4, at + lengths[i]);
        if (xor) {
            port ^= MAGIC_COOKIE >>> 16;
            // Cookie then transaction id are the 16 octets right after the length field.
            for (int k = 0; k < address.length; k++) {
                address[k] ^= raw[4 + k];
            }
        }
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress(address), port));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("parser admitted an address of " + address.length + " octets", e);
        }
    }

    private OptionalLong tieBreaker(int attributeType) {
        int i = indexOf(attributeType);
        if (i < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(((long) readInt(offsets[i]) << 32) | (readInt(offsets[i] + 4) & 0xFFFF_FFFFL));
    }

    private Optional<String> text(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? Optional.empty() : Optional.of(new String(raw, offsets[i], lengths[i], StandardCharsets.UTF_8));
    }

    private int indexOf(int attributeType) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == attributeType) {
                return i;
            }
        }
        return -1;
    }

    private int readInt(int at) {
        return ((raw[at] & 0xFF) << 24) | ((raw[at + 1] & 0xFF) << 16) | ((raw[at + 2] & 0xFF) << 8) | (raw[at + 3] & 0xFF);
    }
}
