package io.ringedge.media.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IceCandidateParserTest {

    /** Lines as browsers and SIP stacks write them; each must format back to itself. */
    @ParameterizedTest
    @ValueSource(strings = {
        "candidate:1 1 udp 2130706431 203.0.113.7 20000 typ host",
        "candidate:842163049 1 udp 1677729535 198.51.100.4 61535 typ srflx raddr 10.0.0.5 rport 61535 generation 0 network-cost 999",
        "candidate:3 1 udp 1845501695 2001:db8::1 40000 typ prflx raddr 2001:db8::2 rport 9",
        "candidate:4 1 udp 41885439 192.0.2.9 3478 typ relay raddr 0.0.0.0 rport 0",
        "candidate:1467250027 1 tcp 1518280447 192.168.1.10 9 typ host tcptype active generation 0",
        "candidate:2 1 udp 2113937151 6e1f3c4a-2b4d-4e9b-8b2f-2a4a0f0b1c2d.local 52000 typ host generation 0 ufrag abcd",
    })
    void roundTrips(String line) {
        IceCandidate candidate = parsed(line);
        assertEquals(line, candidate.format());
        assertEquals(candidate, parsed("a=" + line));
    }

    @Test
    void readsEveryField() {
        IceCandidate c = parsed("a=candidate:abc+/ 1 UDP 1677729535 198.51.100.4 61535 typ srflx raddr 10.0.0.5 rport 5000");
        assertEquals("abc+/", c.foundation());
        assertEquals(1, c.componentId());
        assertEquals("udp", c.transport());
        assertEquals(1677729535L, c.priority());
        assertEquals("198.51.100.4", c.address());
        assertEquals(61535, c.port());
        assertEquals(IceCandidateType.SERVER_REFLEXIVE, c.type());
        assertEquals("10.0.0.5", c.relatedAddress());
        assertEquals(5000, c.relatedPort());
        assertEquals(List.of(), c.extensions());
        assertTrue(c.isUdp());
    }

    @Test
    void hostCandidatePriorityFollowsRfc8445() {
        // §5.1.2.1 with type preference 126, local preference 65535, component 1
        assertEquals(2130706431L, IceCandidate.host("1", 1, "192.0.2.1", 20000, 65535).priority());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                                              | empty",
        "candidate:1 1 udp 2130706431 203.0.113.7 20000                  | at least 8 fields",
        "candidate:1 1 udp 2130706431 203.0.113.7 20000 type host        | 'typ'",
        "candidate:1 1 udp 2130706431 203.0.113.7 20000 typ bogus        | unknown candidate type",
        "candidate:1 0 udp 2130706431 203.0.113.7 20000 typ host         | component",
        "candidate:1 257 udp 2130706431 203.0.113.7 20000 typ host       | component",
        "candidate:1 1 udp 4294967296 203.0.113.7 20000 typ host         | priority must be at most",
        "candidate:1 1 udp -5 203.0.113.7 20000 typ host                 | priority must be a decimal",
        "candidate:1 1 udp 2130706431 203.0.113.7 65536 typ host         | port must be at most",
        "candidate:1 1 udp 2130706431 203.0.113.7 x typ host             | port must be a decimal",
        "candidate:1 1 udp 2130706431 a;b 20000 typ host                 | address",
        "candidate:f*o 1 udp 2130706431 203.0.113.7 20000 typ host       | foundation",
        "candidate:1 1 udp 2130706431 203.0.113.7 20000 typ srflx raddr 10.0.0.1 | raddr without rport",
        "candidate:1 1 udp 2130706431 203.0.113.7 20000 typ host generation | has no value",
    })
    void refusesWithAReason(String line, String reasonFragment) {
        var invalid = assertInstanceOf(IceCandidateParser.Invalid.class, IceCandidateParser.parse(line));
        assertTrue(invalid.reason().contains(reasonFragment), invalid.reason());
    }

    @Test
    void refusesAbsurdlyLongLines() {
        String line = "candidate:1 1 udp 1 192.0.2.1 1 typ host" + " x y".repeat(400);
        var invalid = assertInstanceOf(IceCandidateParser.Invalid.class, IceCandidateParser.parse(line));
        assertTrue(invalid.reason().contains("exceeds"), invalid.reason());
    }

    private static IceCandidate parsed(String line) {
        return assertInstanceOf(IceCandidateParser.Parsed.class, IceCandidateParser.parse(line)).candidate();
    }
}
