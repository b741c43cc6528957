package io.ringedge.media.stun;

import io.ringedge.media.stun.internal.StunIntegrity;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Builds one STUN message: header, attributes in the order added, then optionally
 * MESSAGE-INTEGRITY and FINGERPRINT, which must come last and in that order (RFC 8489 §14.5,
 * §14.7). Padding is zeros unless {@link #padding} says otherwise: the RFC lets senders pad with
 * anything, and the RFC 5769 vectors pad text with spaces.
 */
public final class StunMessageBuilder {
    private static final SecureRandom TRANSACTION_IDS = new SecureRandom();

    private final StunMessageType type;
    private final byte[] transactionId;
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();
    private byte padding;

    private StunMessageBuilder(StunMessageType type, byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction id has 12 octets, got " + transactionId.length);
        }
        this.type = type;
        this.transactionId = transactionId.clone();
    }

    public static StunMessageBuilder of(StunMessageType type, byte[] transactionId) {
        return new StunMessageBuilder(type, transactionId);
    }

    /** A message with a fresh random transaction id (RFC 8489 §6: uniformly random, 96 bits). */
    public static StunMessageBuilder withRandomTransactionId(StunMessageType type) {
        byte[] id = new byte[12];
        TRANSACTION_IDS.nextBytes(id);
        return new StunMessageBuilder(type, id);
    }

    /** The response to {@code request}: same method and transaction id. */
    public static StunMessageBuilder responseTo(StunMessage request, StunClass responseClass) {
        return new StunMessageBuilder(new StunMessageType(request.type().method(), responseClass), request.transactionId());
    }

    public StunMessageBuilder padding(byte value) {
        this.padding = value;
        return this;
    }

    public StunMessageBuilder attribute(int attributeType, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value of " + value.length + " octets");
        }
        writeShort(attributeType);
        writeShort(value.length);
        attributes.writeBytes(value);
        for (int i = value.length; (i & 3) != 0; i++) {
            attributes.write(padding);
        }
        return this;
    }

    public StunMessageBuilder username(String username) {
        return attribute(StunAttribute.USERNAME, utf8(username, StunAttribute.MAX_USERNAME, "USERNAME"));
    }

    public StunMessageBuilder software(String software) {
        return attribute(StunAttribute.SOFTWARE, utf8(software, StunAttribute.MAX_TEXT - 1, "SOFTWARE"));
    }

    public StunMessageBuilder realm(String realm) {
        return attribute(StunAttribute.REALM, utf8(realm, StunAttribute.MAX_TEXT - 1, "REALM"));
    }

    public StunMessageBuilder nonce(String nonce) {
        return attribute(StunAttribute.NONCE, utf8(nonce, StunAttribute.MAX_TEXT - 1, "NONCE"));
    }

    public StunMessageBuilder priority(long priority) {
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("PRIORITY must be an unsigned 32-bit value, was " + priority);
        }
        return attribute(StunAttribute.PRIORITY, bigEndian(priority, 4));
    }

    public StunMessageBuilder useCandidate() {
        return attribute(StunAttribute.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return attribute(StunAttribute.ICE_CONTROLLED, bigEndian(tieBreaker, 8));
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return attribute(StunAttribute.ICE_CONTROLLING, bigEndian(tieBreaker, 8));
    }

    public StunMessageBuilder errorCode(StunErrorCode error) {
        byte[] reason = utf8(error.reason(), StunAttribute.MAX_TEXT - 1, "ERROR-CODE reason");
        byte[] value = new byte[4 + reason.length];
        value[2] = (byte) (error.code() / 100);
        value[3] = (byte) (error.code() % 100);
        System.arraycopy(reason, 0, value, 4, reason.length);
        return attribute(StunAttribute.ERROR_CODE, value);
    }

    public StunMessageBuilder mappedAddress(InetSocketAddress address) {
        return attribute(StunAttribute.MAPPED_ADDRESS, addressValue(address, false));
    }

    /** XOR-MAPPED-ADDRESS (RFC 8489 §14.2): port XOR the cookie's top half, address XOR cookie || id. */
    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        return attribute(StunAttribute.XOR_MAPPED_ADDRESS, addressValue(address, true));
    }

    /** The message without MESSAGE-INTEGRITY or FINGERPRINT. */
    public byte[] build() {
        return assemble(null, false);
    }

    /** The message with FINGERPRINT only. */
    public byte[] buildWithFingerprint() {
        return assemble(null, true);
    }

    /** The message with MESSAGE-INTEGRITY under {@code key}, then FINGERPRINT if asked. */
    public byte[] buildWithIntegrity(byte[] key, boolean fingerprint) {
        return assemble(key, fingerprint);
    }

    private byte[] assemble(byte[] integrityKey, boolean fingerprint) {
        byte[] body = attributes.toByteArray();
        int total = StunMessage.HEADER + body.length + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
        byte[] out = Arrays.copyOf(header(), total);
        System.arraycopy(body, 0, out, StunMessage.HEADER, body.length);
        int at = StunMessage.HEADER + body.length;
        if (integrityKey != null) {
            byte[] mac = StunIntegrity.hmacSha1(integrityKey, out, at, at + 24 - StunMessage.HEADER);
            putShort(out, at, StunAttribute.MESSAGE_INTEGRITY);
            putShort(out, at + 2, StunIntegrity.HMAC_LENGTH);
            System.arraycopy(mac, 0, out, at + 4, mac.length);
            at += 24;
        }
        if (fingerprint) {
            int crc = StunIntegrity.fingerprint(out, at, at + 8 - StunMessage.HEADER);
            putShort(out, at, StunAttribute.FINGERPRINT);
            putShort(out, at + 2, 4);
            System.arraycopy(bigEndian(crc & 0xFFFF_FFFFL, 4), 0, out, at + 4, 4);
            at += 8;
        }
        putShort(out, 2, at - StunMessage.HEADER);
        return out;
    }

    private byte[] header() {
        byte[] header = new byte[StunMessage.HEADER];
        putShort(header, 0, type.encode());
        System.arraycopy(bigEndian(StunMessage.MAGIC_COOKIE & 0xFFFF_FFFFL, 4), 0, header, 4, 4);
        System.arraycopy(transactionId, 0, header, 8, 12);
        return header;
    }

    private byte[] addressValue(InetSocketAddress address, boolean xor) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? 0x01 : 0x02);
        int port = xor ? address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16) : address.getPort();
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        byte[] mask = header();
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (xor ? ip[i] ^ mask[4 + i] : ip[i]);
        }
        return value;
    }

    private static byte[] utf8(String text, int max, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > max) {
            throw new IllegalArgumentException(what + " of " + bytes.length + " octets exceeds " + max);
        }
        return bytes;
    }

    private static byte[] bigEndian(long value, int octets) {
        byte[] out = new byte[octets];
        for (int i = 0; i < octets; i++) {
            out[i] = (byte) (value >>> (8 * (octets - 1 - i)));
        }
        return out;
    }

    private void writeShort(int value) {
        attributes.write(value >>> 8);
        attributes.write(value);
    }

    private static void putShort(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }
}
