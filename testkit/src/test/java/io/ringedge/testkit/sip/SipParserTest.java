package io.ringedge.testkit.sip;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipParserTest {

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 6000 RTP/AVP 0 8\r\n";

    /** An INVITE as an edge would relay it over WS: compact forms, two Via lines, one with two values. */
    private static final String INVITE = "INVITE sip:abc@xyz.invalid;transport=ws SIP/2.0\r\n"
            + "v: SIP/2.0/WS 10.0.0.1:8080;branch=z9hG4bKone, SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bKtwo;received=10.1.1.1\r\n"
            + "Via: SIP/2.0/UDP pbx.example:5070;branch=z9hG4bKthree;rport=5070\r\n"
            + "Max-Forwards: 69\r\n"
            + "f: \"Caller, Inc\" <sip:+15550001@edge.example>;tag=abc\r\n"
            + "t: <sip:+15551230001@edge.example>\r\n"
            + "i: call-1@edge\r\n"
            + "CSeq: 42 INVITE\r\n"
            + "m: <sip:edge@10.0.0.1:8080;transport=ws>\r\n"
            + "Record-Route: <sip:10.0.0.1:8080;transport=ws;lr>, <sip:10.0.0.1;lr;r2=on>\r\n"
            + "c: application/sdp\r\n"
            + "l: " + SDP.length() + "\r\n"
            + "\r\n" + SDP;

    @Test
    void parsesCompactFormsListsAndBody() {
        SipRequest invite = assertInstanceOf(SipRequest.class, SipParser.parse(INVITE));
        assertEquals("INVITE", invite.method());
        assertEquals("sip:abc@xyz.invalid;transport=ws", invite.uri());
        assertEquals("call-1@edge", invite.callId());
        assertEquals(new CSeq(42, "INVITE"), invite.cseq());
        assertEquals("Caller, Inc", invite.from().displayName());
        assertEquals("abc", invite.from().tag().orElseThrow());
        assertTrue(invite.to().tag().isEmpty());
        assertEquals(SDP, invite.body());
        assertEquals("application/sdp", invite.require("Content-Type"));

        List<Via> vias = invite.vias();
        assertEquals(3, vias.size());
        assertEquals(new Via("WS", "10.0.0.1", 8080, Map.of("branch", "z9hG4bKone")), vias.get(0));
        assertEquals("[2001:db8::1]", vias.get(1).host());
        assertEquals("10.1.1.1", vias.get(1).received().orElseThrow());
        assertEquals("5070", vias.get(2).param("rport").orElseThrow());

        List<String> routes = invite.values("Record-Route");
        assertEquals(2, routes.size());
        assertTrue(NameAddress.parse(routes.get(0)).uriParams().containsKey("lr"));
    }

    @Test
    void encodeThenParseIsTheSameMessage() {
        SipMessage parsed = SipParser.parse(INVITE);
        assertEquals(parsed, SipParser.parse(parsed.encode()));
    }

    @Test
    void parsesResponsesWithReasonPhraseSpaces() {
        SipResponse r = assertInstanceOf(SipResponse.class, SipParser.parse(
                "SIP/2.0 481 Call/Transaction Does Not Exist\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(481, r.status());
        assertEquals("Call/Transaction Does Not Exist", r.reason());
        assertEquals("", r.body());
    }

    @Test
    void toleratesLeadingKeepAliveBareLfAndFoldedLines() {
        SipMessage m = SipParser.parse("\r\n\r\nOPTIONS sip:a@b SIP/2.0\nSubject: one\n  two\nCall-ID: 1\n\n");
        assertEquals("one two", m.require("Subject"));
        assertEquals("1", m.callId());
    }

    @Test
    void discardsBytesBeyondContentLength() {
        // RFC 3261 section 18.3, message-oriented transports
        SipMessage m = SipParser.parse("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 2\r\n\r\nhi there");
        assertEquals("hi", m.body());
    }

    @Test
    void contentLengthCountsUtf8Bytes() {
        SipMessage m = SipParser.parse("MESSAGE sip:a@b SIP/2.0\r\nContent-Length: 3\r\n\r\né!");
        assertEquals("é!", m.body());
        assertTrue(m.encode().contains("Content-Length: 3\r\n"));
    }

    @Test
    void rejectsBrokenMessagesWithAReason() {
        assertThrows(SipParseException.class, () -> SipParser.parse(""), "empty");
        assertThrows(SipParseException.class, () -> SipParser.parse("hello world\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("INVITE sip:a@b SIP/3.0\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("SIP/2.0 99 Low\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("SIP/2.0 2000 OK\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("INVITE sip:a@b SIP/2.0\r\nNoColon\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("INVITE sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("INVITE nocolon SIP/2.0\r\n\r\n"));
        SipParseException shortBody = assertThrows(SipParseException.class,
                () -> SipParser.parse("INVITE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nabc"));
        assertTrue(shortBody.getMessage().contains("Content-Length 10"), shortBody.getMessage());
        assertThrows(SipParseException.class,
                () -> SipParser.parse("INVITE sip:a@b SIP/2.0\r\nContent-Length: ten\r\n\r\n"));
        assertThrows(SipParseException.class, () -> SipParser.parse("INVITE sip:a@b SIP/2.0\r\nVia: x"));
    }

    @Test
    void headerAccessorsFailClearlyOnBadValues() {
        SipMessage m = SipParser.parse("BYE sip:a@b SIP/2.0\r\nCSeq: x BYE\r\nVia: SIP/2.0/WS h:99999;branch=z9hG4bK1\r\n\r\n");
        assertThrows(SipParseException.class, m::cseq);
        assertThrows(SipParseException.class, m::topVia);
        IllegalStateException missing = assertThrows(IllegalStateException.class, m::callId);
        assertTrue(missing.getMessage().contains("Call-ID"));
    }
}
