package io.ringedge.edge.connection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            // IPv4 edges: network, broadcast, one outside on each side
            "10.1.2.0/24,     10.1.2.0,        true",
            "10.1.2.0/24,     10.1.2.255,      true",
            "10.1.2.0/24,     10.1.1.255,      false",
            "10.1.2.0/24,     10.1.3.0,        false",
            // host bits in the configured network are cleared, not rejected
            "10.1.2.77/24,    10.1.2.1,        true",
            // non-octet prefix
            "192.168.0.0/23,  192.168.1.200,   true",
            "192.168.0.0/23,  192.168.2.0,     false",
            "172.16.0.0/12,   172.31.255.255,  true",
            "172.16.0.0/12,   172.32.0.0,      false",
            // /32, /0
            "203.0.113.5,     203.0.113.5,     true",
            "203.0.113.5/32,  203.0.113.6,     false",
            "0.0.0.0/0,       198.51.100.1,    true",
            // IPv6
            "2001:db8::/32,   2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32,   2001:db9::,      false",
            "2001:db8:0:8000::/49, 2001:db8:0:ffff::1, true",
            "2001:db8:0:8000::/49, 2001:db8:0:7fff::1, false",
            "::1/128,         ::1,             true",
            "::/0,            2001:db8::1,     true",
            // families never mix, not even for /0
            "::/0,            10.0.0.1,        false",
            "0.0.0.0/0,       2001:db8::1,     false",
            // an IPv4-mapped IPv6 source is the IPv4 address (the JDK maps it), so a v4 CIDR admits it
            "10.0.0.0/8,      ::ffff:10.9.8.7, true",
    })
    void contains(String cidr, String address, boolean expected) throws Exception {
        assertEquals(expected, Cidr.parse(cidr).contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/x", "pbx.example.com",
            "10.0.0.0/8/8", ""})
    void rejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.77/24, 10.1.2.0/24", "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
    void normalises(String text, String expected) {
        assertEquals(expected, Cidr.parse(text).toString());
    }
}
