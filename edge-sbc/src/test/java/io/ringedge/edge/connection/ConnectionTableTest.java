package io.ringedge.edge.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionTableTest {

    private static final ConnectionTable TABLE = new ConnectionTable(List.of(
            new Connection("acme", "t-acme", List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8:a::/48")),
                    List.of(new DidRoute(DidPattern.parse("+1555123*"), "sales"),
                            new DidRoute(DidPattern.parse("+15551230001"), "ceo"),
                            new DidRoute(DidPattern.parse("+155512300*"), "support"),
                            new DidRoute(new DidPattern.Regex(Pattern.compile("\\+4420\\d{8}")), "london"))),
            // shares the carrier's range with acme, routes a different number block
            new Connection("globex", "t-globex", List.of(Cidr.parse("198.51.100.128/25")),
                    List.of(new DidRoute(DidPattern.parse("+1666*"), "ops")))));

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            // exact beats any prefix
            "198.51.100.7,   +15551230001, routed acme ceo",
            // longest prefix wins over a shorter one
            "198.51.100.7,   +15551230099, routed acme support",
            "198.51.100.7,   +15551239999, routed acme sales",
            // regex must match the whole DID
            "198.51.100.7,   +442012345678, routed acme london",
            "198.51.100.7,   +4420123456789, unknown acme",
            // admitted, nothing routes: 404 material
            "198.51.100.7,   +33100000000, unknown acme",
            // IPv6 source
            "2001:db8:a:1::9, +15551230001, routed acme ceo",
            // overlap: both admit, the first that routes the DID wins
            "198.51.100.200, +16660000000, routed globex ops",
            "198.51.100.200, +15551230001, routed acme ceo",
            // default deny, whatever the DID
            "203.0.113.1,    +15551230001, forbidden",
            "2001:db8:b::1,  +15551230001, forbidden",
    })
    void admits(String source, String did, String expected) throws Exception {
        String actual = switch (TABLE.admit(InetAddress.getByName(source), did)) {
            case Admission.Forbidden f -> "forbidden";
            case Admission.UnknownDid u -> "unknown " + u.connection().id();
            case Admission.Routed r -> "routed " + r.connection().id() + " " + r.userId();
        };
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+1*555", "+1**"})
    void rejectsBadDidPatterns(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> DidPattern.parse(pattern));
    }

    @Test
    void aLoneStarIsACatchAllRouteRankedLast() {
        Connection c = new Connection("c", "t", List.of(Cidr.parse("10.0.0.0/8")),
                List.of(new DidRoute(DidPattern.parse("*"), "operator"), new DidRoute(DidPattern.parse("+1*"), "us")));
        assertEquals("us", c.route("+15550000000").orElseThrow());
        assertEquals("operator", c.route("+33100000000").orElseThrow());
    }
}
