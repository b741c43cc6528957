package io.ringedge.edge.sip.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Frame boundaries (RFC 6455 §5.2) whatever the reads: joined, split anywhere, 7-, 16- and 64-bit lengths. */
class WebSocketFramesTest {

    private static byte[] frame(int opcode, int payloadLength, boolean masked) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength < 126) {
            f.write(maskBit | payloadLength);
        } else if (payloadLength <= 0xffff) {
            f.write(maskBit | 126);
            f.write(payloadLength >> 8);
            f.write(payloadLength & 0xff);
        } else {
            f.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) payloadLength >> (8 * i)) & 0xff);
            }
        }
        if (masked) {
            f.writeBytes(new byte[]{1, 2, 3, 4});
        }
        byte[] payload = new byte[payloadLength];
        Arrays.fill(payload, (byte) 'x');
        f.writeBytes(payload);
        return f.toByteArray();
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    @Test
    void framesJoinedInOneReadComeOutOneByOneWithTheirOwnOpcodes() throws IOException {
        byte[] text = frame(0x1, 300, true);
        byte[] close = frame(WebSocketFrames.OPCODE_CLOSE, 12, true);

        List<WebSocketFrames.Frame> out = new WebSocketFrames(70_000).feed(join(text, close));

        assertEquals(2, out.size());
        assertArrayEquals(text, out.get(0).bytes());
        assertEquals(0x1, out.get(0).opcode());
        assertArrayEquals(close, out.get(1).bytes());
        assertTrue(out.get(1).isClose());
    }

    @Test
    void everySplitPointGivesTheSameFrames() throws IOException {
        byte[] stream = join(frame(0x1, 5, true), frame(0x1, 200, true), frame(0x2, 66_000, true),
                frame(WebSocketFrames.OPCODE_CLOSE, 0, true));
        for (int cut = 0; cut <= stream.length; cut += cut < 300 ? 1 : 997) {
            WebSocketFrames frames = new WebSocketFrames(70_000);
            List<WebSocketFrames.Frame> out = new ArrayList<>(frames.feed(Arrays.copyOf(stream, cut)));
            out.addAll(frames.feed(Arrays.copyOfRange(stream, cut, stream.length)));

            assertEquals(List.of(0x1, 0x1, 0x2, WebSocketFrames.OPCODE_CLOSE),
                    out.stream().map(WebSocketFrames.Frame::opcode).toList(), "cut at " + cut);
            assertArrayEquals(stream, join(out.stream().map(WebSocketFrames.Frame::bytes).toArray(byte[][]::new)),
                    "cut at " + cut);
        }
    }

    @Test
    void anIncompleteFrameWaitsForItsLastByte() throws IOException {
        byte[] text = frame(0x1, 40, true);
        WebSocketFrames frames = new WebSocketFrames(1_000);

        assertEquals(List.of(), frames.feed(Arrays.copyOf(text, text.length - 1)));
        assertEquals(1, frames.feed(new byte[]{text[text.length - 1]}).size());
    }

    @Test
    void aFrameLongerThanTheLargestSipMessageIsRefusedBeforeItIsBuffered() {
        byte[] header = Arrays.copyOf(frame(0x1, 5_000, true), 8);

        IOException e = assertThrows(IOException.class, () -> new WebSocketFrames(4_096).feed(header));
        assertTrue(e.getMessage().contains("5000 bytes exceeds the largest SIP message (4096 bytes)"), e.getMessage());
    }
}
