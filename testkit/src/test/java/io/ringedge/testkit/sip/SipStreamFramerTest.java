package io.ringedge.testkit.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipStreamFramerTest {

    private static final String TRYING = "SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n";
    private static final String RINGING = "SIP/2.0 180 Ringing\r\nl: 5\r\n\r\nhé!!";

    @Test
    void cutsMessagesFedOneByteAtATime() {
        byte[] stream = ("\r\n\r\n" + TRYING + "\r\n" + RINGING + "SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nab")
                .getBytes(StandardCharsets.UTF_8);
        SipStreamFramer framer = new SipStreamFramer();
        List<String> out = new ArrayList<>();
        for (byte b : stream) {
            framer.append(new byte[] {b}, 0, 1);
            framer.next().ifPresent(out::add);
        }
        assertEquals(List.of(TRYING, RINGING), out, "the 200 is one body byte short: not yet");
        framer.append("c".getBytes(StandardCharsets.UTF_8), 0, 1);
        assertEquals("SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nabc", framer.next().orElseThrow());
        assertTrue(framer.next().isEmpty());
    }

    @Test
    void cutsSeveralMessagesFromOneRead() {
        byte[] both = (TRYING + RINGING).getBytes(StandardCharsets.UTF_8);
        SipStreamFramer framer = new SipStreamFramer();
        framer.append(both, 0, both.length);
        assertEquals(TRYING, framer.next().orElseThrow());
        assertEquals(RINGING, framer.next().orElseThrow());
        assertTrue(framer.next().isEmpty());
    }
}
