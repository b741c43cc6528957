package io.ringedge.media.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode as RFC 3711 §4.1.1 defines it: the 128-bit IV is the initial counter block
 * and the block counter occupies its low 16 bits.
 *
 * <p>The keystream is made by encrypting counter blocks with the JDK's AES in ECB mode (AES-NI
 * intrinsic) and XOR-ing it in place. ECB is initialised once with the session key; a JDK CTR
 * cipher would need a fresh {@code init} with a new IV object for every packet.
 */
public final class AesCounterMode {
    public static final int BLOCK = 16;
    /** Blocks per ECB call: a typical audio packet takes one call. */
    private static final int CHUNK_BLOCKS = 64;

    private final Cipher ecb;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK];

    public AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/ECB/NoPadding", e);
        }
    }

    /**
     * XORs the keystream for {@code iv} (16 octets, low 16 bits zero) into
     * {@code buf[offset, offset + length)}. At most 2^16 blocks (1 MiB) per IV, as RFC 3711 allows.
     */
    public void apply(byte[] iv, byte[] buf, int offset, int length) {
        int block = 0;
        int done = 0;
        while (done < length) {
            int chunk = Math.min(length - done, counters.length);
            int blocks = (chunk + BLOCK - 1) / BLOCK;
            for (int b = 0; b < blocks; b++, block++) {
                int at = b * BLOCK;
                System.arraycopy(iv, 0, counters, at, BLOCK - 2);
                // The IV's low 16 bits are zero (§4.1.1), so adding the counter is setting them.
                counters[at + 14] = (byte) (iv[14] ^ (block >>> 8));
                counters[at + 15] = (byte) (iv[15] ^ block);
            }
            try {
                ecb.update(counters, 0, blocks * BLOCK, keystream, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException("keystream buffer sized for " + CHUNK_BLOCKS + " blocks", e);
            }
            for (int i = 0; i < chunk; i++) {
                buf[offset + done + i] ^= keystream[i];
            }
            done += chunk;
        }
    }
}
