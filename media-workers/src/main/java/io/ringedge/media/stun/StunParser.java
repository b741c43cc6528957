package io.ringedge.media.stun;

import io.ringedge.media.stun.StunParseResult.Malformed;
import io.ringedge.media.stun.StunParseResult.Parsed;
import io.ringedge.media.stun.internal.StunIntegrity;
import java.util.Arrays;

/**
 * Validates a datagram as a STUN message (RFC 8489 §5, §6.3, §14) and returns the message or the
 * reason it is not acceptable. Every length is checked before it is used, so arbitrary input
 * yields a {@link Malformed} value, never an exception.
 */
public final class StunParser {
    private static final int HEADER = StunMessage.HEADER;

    private StunParser() {
    }

    /**
     * The RFC 7983 / RFC 8489 §5 check a demultiplexer can afford: long enough for a header, first
     * two bits zero, magic cookie in place.
     */
    public static boolean looksLikeStun(byte[] buf, int offset, int length) {
        return buf != null && offset >= 0 && length >= HEADER && offset + length <= buf.length
                && (buf[offset] & 0xC0) == 0 && readInt(buf, offset + 4) == StunMessage.MAGIC_COOKIE;
    }

    /** Parses without checking MESSAGE-INTEGRITY (e.g. a response whose key is looked up later). */
    public static StunParseResult parse(byte[] buf, int offset, int length) {
        return parse(buf, offset, length, null);
    }

    /**
     * Parses and, when {@code integrityKey} is not null, requires a MESSAGE-INTEGRITY that
     * verifies with it (ICE connectivity checks, RFC 8445 §7.3: the short-term key of the check).
     */
    public static StunParseResult parse(byte[] buf, int offset, int length, byte[] integrityKey) {
        if (buf == null || offset < 0 || length < HEADER || offset + length > buf.length || offset + length < 0) {
            return new Malformed(StunProblem.TRUNCATED, "shorter than the 20-octet STUN header");
        }
        if (!looksLikeStun(buf, offset, length)) {
            return new Malformed(StunProblem.NOT_STUN, "first bits or magic cookie are not STUN's");
        }
        int declared = ((buf[offset + 2] & 0xFF) << 8) | (buf[offset + 3] & 0xFF);
        if ((declared & 3) != 0) {
            return new Malformed(StunProblem.BAD_LENGTH, "message length " + declared + " is not a multiple of 4");
        }
        if (HEADER + declared > length) {
            return new Malformed(StunProblem.TRUNCATED, "message length " + declared + " exceeds the "
                    + (length - HEADER) + " octets after the header");
        }
        if (HEADER + declared < length) {
            return new Malformed(StunProblem.BAD_LENGTH, "message length " + declared + " leaves "
                    + (length - HEADER - declared) + " octets of the datagram unaccounted for");
        }
        byte[] raw = Arrays.copyOfRange(buf, offset, offset + length);
        return walk(raw, integrityKey);
    }

    private static StunParseResult walk(byte[] raw, byte[] integrityKey) {
        int capacity = (raw.length - HEADER) / 4;
        int[] types = new int[capacity];
        int[] offsets = new int[capacity];
        int[] lengths = new int[capacity];
        int count = 0;
        int integrityOffset = -1;
        int fingerprintOffset = -1;
        int at = HEADER;
        while (at < raw.length) {
            if (fingerprintOffset >= 0) {
                return new Malformed(StunProblem.ATTRIBUTE_AFTER_FINGERPRINT, "attribute at octet " + at + " follows FINGERPRINT");
            }
            if (at + 4 > raw.length) {
                return new Malformed(StunProblem.ATTRIBUTE_OVERRUN, "attribute header at octet " + at + " is cut off");
            }
            int type = readShort(raw, at);
            int valueLength = readShort(raw, at + 2);
            int valueAt = at + 4;
            int padded = (valueLength + 3) & ~3;
            if (valueAt + padded > raw.length) {
                return new Malformed(StunProblem.ATTRIBUTE_OVERRUN, String.format(
                        "attribute 0x%04x of %d octets at octet %d runs past the message end %d", type, valueLength, at, raw.length));
            }
            boolean ignored = integrityOffset >= 0 && type != StunAttribute.FINGERPRINT;
            if (!ignored) {
                Malformed problem = checkValue(type, raw, valueAt, valueLength);
                if (problem != null) {
                    return problem;
                }
                types[count] = type;
                offsets[count] = valueAt;
                lengths[count] = valueLength;
                count++;
                if (type == StunAttribute.MESSAGE_INTEGRITY) {
                    integrityOffset = at;
                } else if (type == StunAttribute.FINGERPRINT) {
                    fingerprintOffset = at;
                }
            }
            at = valueAt + padded;
        }
        if (fingerprintOffset >= 0) {
            int expected = StunIntegrity.fingerprint(raw, fingerprintOffset, raw.length - HEADER);
            if (expected != readInt(raw, fingerprintOffset + 4)) {
                return new Malformed(StunProblem.BAD_FINGERPRINT, "FINGERPRINT does not match the message");
            }
        }
        StunMessage message = new StunMessage(raw, StunMessageType.decode(readShort(raw, 0)),
                Arrays.copyOf(types, count), Arrays.copyOf(offsets, count), Arrays.copyOf(lengths, count), integrityOffset);
        if (integrityKey != null) {
            if (!message.hasMessageIntegrity()) {
                return new Malformed(StunProblem.MISSING_MESSAGE_INTEGRITY, "no MESSAGE-INTEGRITY");
            }
            if (!message.verifyIntegrity(integrityKey)) {
                return new Malformed(StunProblem.WRONG_MESSAGE_INTEGRITY, "MESSAGE-INTEGRITY does not verify");
            }
        }
        return new Parsed(message);
    }

    /** Size and content rules of the attributes this implementation decodes (RFC 8489 §14, RFC 8445 §16.1). */
    private static Malformed checkValue(int type, byte[] raw, int at, int length) {
        return switch (type) {
            case StunAttribute.MAPPED_ADDRESS, StunAttribute.XOR_MAPPED_ADDRESS -> {
                int family = length >= 2 ? raw[at + 1] & 0xFF : -1;
                boolean ok = (family == 0x01 && length == 8) || (family == 0x02 && length == 20);
                yield ok ? null : bad(type, "address family " + family + " with " + length + " octets");
            }
            case StunAttribute.USERNAME -> length > StunAttribute.MAX_USERNAME ? oversize(type, length) : null;
            case StunAttribute.REALM, StunAttribute.NONCE, StunAttribute.SOFTWARE ->
                    length >= StunAttribute.MAX_TEXT ? oversize(type, length) : null;
            case StunAttribute.MESSAGE_INTEGRITY -> exactly(type, length, StunIntegrity.HMAC_LENGTH);
            case StunAttribute.FINGERPRINT, StunAttribute.PRIORITY -> exactly(type, length, 4);
            case StunAttribute.USE_CANDIDATE -> exactly(type, length, 0);
            case StunAttribute.ICE_CONTROLLED, StunAttribute.ICE_CONTROLLING -> exactly(type, length, 8);
            case StunAttribute.UNKNOWN_ATTRIBUTES -> (length & 1) != 0 ? bad(type, "odd length " + length) : null;
            case StunAttribute.ERROR_CODE -> {
                if (length < 4) {
                    yield bad(type, "only " + length + " octets");
                }
                if (length - 4 >= StunAttribute.MAX_TEXT) {
                    yield oversize(type, length);
                }
                int errorClass = raw[at + 2] & 0x07;
                int number = raw[at + 3] & 0xFF;
                yield errorClass < 3 || errorClass > 6 || number > 99
                        ? bad(type, "code " + errorClass + "/" + number + " outside 300..699") : null;
            }
            default -> null;
        };
    }

    private static Malformed exactly(int type, int length, int expected) {
        return length == expected ? null : bad(type, length + " octets instead of " + expected);
    }

    private static Malformed bad(int type, String detail) {
        return new Malformed(StunProblem.BAD_ATTRIBUTE, String.format("attribute 0x%04x: %s", type, detail));
    }

    private static Malformed oversize(int type, int length) {
        return new Malformed(StunProblem.OVERSIZE_ATTRIBUTE, String.format("attribute 0x%04x: %d octets exceed its limit", type, length));
    }

    private static int readShort(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    private static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8) | (buf[at + 3] & 0xFF);
    }
}
