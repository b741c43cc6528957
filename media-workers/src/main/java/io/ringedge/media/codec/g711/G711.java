package io.ringedge.media.codec.g711;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * ITU-T G.711 companding, bit-exact with the ITU-T G.191 Software Tools Library (STL) reference
 * ({@code g711.c}), which is what PBXs and test equipment are validated against.
 *
 * <p>Both directions are table lookups: encoding needs only the top 14 (mu-law) or 13 (A-law)
 * bits of a sample, so one shift and one load per sample, with no branch on sign or segment.
 * Tables are built once, at class initialisation, from the G.711 segment rules in
 * {@link MuLaw} and {@link ALaw}.
 *
 * <p>The array-in/array-out methods never allocate, so a media thread can call them per frame.
 * RTP payload types are the static ones of RFC 3551 §6.
 */
public enum G711 {
    /** mu-law, RTP payload type 0 (RFC 3551 §4.5.14). */
    PCMU(0, MuLaw.ENCODE_SHIFT, encodeTable(14, MuLaw::encode), decodeTable(MuLaw::decode)),
    /** A-law, RTP payload type 8 (RFC 3551 §4.5.14). */
    PCMA(8, ALaw.ENCODE_SHIFT, encodeTable(12, ALaw::encode), decodeTable(ALaw::decode));

    private final int payloadType;
    private final int encodeShift;
    private final int encodeMask;
    private final byte[] encodeTable;
    private final short[] decodeTable;

    G711(int payloadType, int encodeShift, byte[] encodeTable, short[] decodeTable) {
        this.payloadType = payloadType;
        this.encodeShift = encodeShift;
        this.encodeMask = encodeTable.length - 1;
        this.encodeTable = encodeTable;
        this.decodeTable = decodeTable;
    }

    /** The static RTP payload type of this law (RFC 3551 §6). */
    public int payloadType() {
        return payloadType;
    }

    /** Encodes one 16-bit linear sample to its 8-bit code. */
    public byte encode(short sample) {
        return encodeTable[(sample >> encodeShift) & encodeMask];
    }

    /** Decodes one 8-bit code to a 16-bit linear sample. */
    public short decode(byte code) {
        return decodeTable[code & 0xFF];
    }

    /**
     * Encodes {@code count} samples of {@code pcm} starting at {@code pcmOffset} into {@code codes}
     * starting at {@code codeOffset}.
     */
    public void encode(short[] pcm, int pcmOffset, byte[] codes, int codeOffset, int count) {
        Objects.checkFromIndexSize(pcmOffset, count, pcm.length);
        Objects.checkFromIndexSize(codeOffset, count, codes.length);
        final byte[] table = encodeTable;
        final int shift = encodeShift;
        final int mask = encodeMask;
        for (int i = 0; i < count; i++) {
            codes[codeOffset + i] = table[(pcm[pcmOffset + i] >> shift) & mask];
        }
    }

    /**
     * Decodes {@code count} codes of {@code codes} starting at {@code codeOffset} into {@code pcm}
     * starting at {@code pcmOffset}.
     */
    public void decode(byte[] codes, int codeOffset, short[] pcm, int pcmOffset, int count) {
        Objects.checkFromIndexSize(codeOffset, count, codes.length);
        Objects.checkFromIndexSize(pcmOffset, count, pcm.length);
        final short[] table = decodeTable;
        for (int i = 0; i < count; i++) {
            pcm[pcmOffset + i] = table[codes[codeOffset + i] & 0xFF];
        }
    }

    /**
     * The code for every {@code bits}-bit input: index {@code i} holds the code of {@code i}
     * read as a signed {@code bits}-bit value, which is what {@code (sample >> shift) & mask} yields.
     */
    private static byte[] encodeTable(int bits, IntFunction<Byte> law) {
        byte[] table = new byte[1 << bits];
        for (int index = 0; index < table.length; index++) {
            table[index] = law.apply((index << (32 - bits)) >> (32 - bits));
        }
        return table;
    }

    private static short[] decodeTable(IntFunction<Short> law) {
        short[] table = new short[256];
        for (int code = 0; code < table.length; code++) {
            table[code] = law.apply(code);
        }
        return table;
    }
}
