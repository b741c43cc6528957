package io.ringedge.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ringedge.media.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * An SRTP and an SRTCP packet of a browser's AES_CM_128_HMAC_SHA1_80 session (Opus with an RFC
 * 8285 header extension; SR + SDES), with their master key, as published in the test suite of an
 * independent implementation (haaspors/rlib, {@code test/rsrtptest.c}). Full packets, not just
 * keystream and key derivation: if these agree, our header handling, IV, ROC in the MAC and the
 * SRTCP trailer agree with the browser's libsrtp.
 */
class BrowserCaptureTest {
    private static final byte[] MASTER = Hex.bytes("""
            3c39a85c2df05e527e7912ba60c525fe 29f797d9daa31760df34b95f87d3""");
    private static final SrtpMasterKey KEY = new SrtpMasterKey(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            Arrays.copyOf(MASTER, 16), Arrays.copyOfRange(MASTER, 16, 30));

    private static final byte[] SRTP = Hex.bytes("""
            90ef41cd5550be52b476823abede0002 3254e1e110aa0000d73ef00e5aef6695
            249930b099d6d1351022d830b14530c9 496fdcd68031fe298d6d56a9a393a510
            898957b8bf8cb35f0ce7c0898d993aaa bdc1bd7f5ad1ec9a26d8310a20a1cf6a
            08d23e15cf0efbdbe164497e9a""");
    private static final byte[] RTP = Hex.bytes("""
            90ef41cd5550be52b476823abede0002 3254e1e110aa000078039cdb17916be3
            b1020af1a556e1c4f02df01c90160f34 2ec234ab93fcf9de7f94b310af10f323
            3bced79f55a07033629a72e928cd40a5 ae61caa1f6727c10ce6ed6d98716b1e8
            226628""");
    private static final byte[] SRTCP = Hex.bytes("""
            80c80006b476823a479bb79d9e0915ca 10804320327d42d9c949e86b1fd178e2
            d7c37e3b236d4b9996815a7dbb1817f8 573ee43a02ceb62480000001 6589e9de
            210161b5debe""");
    private static final byte[] RTCP = Hex.bytes("""
            80c80006b476823adc2327b2ac348f54 5550cd92000000050000017581ca0006
            b476823a01106365694e4c6d79365648 5345354a61370000""");

    @Test
    void unprotectsTheBrowsersRtpPacketAndRejectsItsReplay() {
        SrtpTransformer receiver = new SrtpTransformer(KEY);
        byte[] buf = SRTP.clone();
        int length = receiver.unprotect(buf, 0, buf.length);
        assertEquals(Hex.of(RTP), Hex.of(buf, 0, length));

        byte[] again = SRTP.clone();
        assertEquals(SrtpRejection.REPLAYED.code(), receiver.unprotect(again, 0, again.length));
        assertEquals(1, receiver.counters().unprotectedPackets());
        assertEquals(1, receiver.counters().rejected(SrtpRejection.REPLAYED));
    }

    @Test
    void protectsToTheBrowsersBytes() {
        byte[] buf = Arrays.copyOf(RTP, RTP.length + 10);
        int length = new SrtpTransformer(KEY).protect(buf, 0, RTP.length);
        assertEquals(Hex.of(SRTP), Hex.of(buf, 0, length));
    }

    @Test
    void unprotectsTheBrowsersRtcpPacketAndRejectsItsReplay() {
        SrtcpTransformer receiver = new SrtcpTransformer(KEY);
        byte[] buf = SRTCP.clone();
        int length = receiver.unprotect(buf, 0, buf.length);
        assertEquals(Hex.of(RTCP), Hex.of(buf, 0, length));

        byte[] again = SRTCP.clone();
        assertEquals(SrtpRejection.REPLAYED.code(), receiver.unprotect(again, 0, again.length));
    }

    @Test
    void protectsRtcpToTheBrowsersBytesAtTheSameIndex() {
        SrtcpTransformer sender = new SrtcpTransformer(KEY);
        byte[] first = Arrays.copyOf(RTCP, RTCP.length + sender.overhead());
        assertEquals(RTCP.length + 14, sender.protect(first, 0, RTCP.length));
        // Our first SRTCP index is 0; the capture carries index 1, which is our second packet.
        byte[] second = Arrays.copyOf(RTCP, RTCP.length + sender.overhead());
        int length = sender.protect(second, 0, RTCP.length);
        assertEquals(Hex.of(SRTCP), Hex.of(second, 0, length));
    }
}
