package io.ringedge.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The AES-CM/HMAC-SHA1 per-packet path must not allocate (house style: nothing on the hot path
 * allocates per packet). Measured with the JVM's per-thread allocation counter over many packets
 * once the streams exist.
 */
class SrtpAllocationTest {

    @Test
    void protectAndUnprotectAllocateNothingPerPacket() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SrtpMasterKey key = SrtpTransformerTest.key(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 99);
        SrtpTransformer sender = new SrtpTransformer(key);
        SrtpTransformer receiver = new SrtpTransformer(key);
        byte[] template = SrtpTransformerTest.rtp(0, 0);
        byte[] buf = Arrays.copyOf(template, template.length + sender.overhead());

        int sequence = 0;
        for (; sequence < 20_000; sequence++) { // streams created, code warmed up
            roundTrip(sender, receiver, template, buf, sequence);
        }
        long threadId = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(threadId);
        int packets = 50_000;
        for (int n = 0; n < packets; n++, sequence++) {
            roundTrip(sender, receiver, template, buf, sequence);
        }
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertEquals(0, receiver.counters().rejectedTotal());
        // A single 16-octet object per packet would be 800 kB here; allow for the counter call itself.
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes over " + packets + " packets");
    }

    private static void roundTrip(SrtpTransformer sender, SrtpTransformer receiver, byte[] template, byte[] buf, int sequence) {
        System.arraycopy(template, 0, buf, 0, template.length);
        buf[2] = (byte) (sequence >>> 8);
        buf[3] = (byte) sequence;
        int length = sender.protect(buf, 0, template.length);
        if (receiver.unprotect(buf, 0, length) != template.length) {
            throw new AssertionError("packet " + sequence + " did not round-trip");
        }
    }
}
