package io.ringedge.testkit.sip;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipHeadersTest {

    @Test
    void splitsListsOutsideQuotesAndBrackets() {
        SipHeaders h = SipHeaders.empty()
                .with("Contact", "\"A, B\" <sip:a@x;p=1,2>;q=0.5, <sip:b@y>")
                .with("m", "sip:c@z");
        assertEquals(List.of("\"A, B\" <sip:a@x;p=1,2>;q=0.5", "<sip:b@y>", "sip:c@z"), h.values("Contact"));
        assertEquals(2, h.lines("contact").size());
    }

    @Test
    void neverSplitsAuthorizationAndDate() {
        SipHeaders h = SipHeaders.empty().with("Authorization", "Digest a=\"1\", b=\"2\"")
                .with("Date", "Sat, 21 Nov 2026 08:00:00 GMT");
        assertEquals(1, h.values("Authorization").size());
        assertEquals(1, h.values("Date").size());
    }

    @Test
    void replacingKeepsPlaceAndWithoutRemovesEveryLine() {
        SipHeaders h = SipHeaders.empty().with("Via", "a").with("From", "f").with("Via", "b");
        SipHeaders replaced = h.replacing("v", List.of("x", "y"));
        assertEquals(List.of("Via", "Via", "From"), replaced.all().stream().map(SipHeader::name).toList());
        assertEquals(List.of("x", "y"), replaced.values("Via"));
        assertTrue(h.without("VIA").lines("Via").isEmpty());
    }

    @Test
    void nameAddressWithoutBracketsGivesParamsToTheHeader() {
        // RFC 3261 section 20.10
        NameAddress a = NameAddress.parse("sip:bob@example.com;tag=xyz");
        assertEquals("sip:bob@example.com", a.uri());
        assertEquals("xyz", a.tag().orElseThrow());
        NameAddress c = NameAddress.parse("<sip:u@h.invalid;transport=ws;pn-provider=fcm>;+sip.instance=\"<urn:uuid:1>\"");
        assertEquals("fcm", c.uriParams().get("pn-provider"));
        assertEquals("\"<urn:uuid:1>\"", c.param("+sip.instance").orElseThrow());
    }
}
