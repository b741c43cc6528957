package io.ringedge.media.sdp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Truncated and corrupted real SDPs: every one is answered with a value and a specific reason,
 * never an exception, and whatever parses re-encodes to text that parses to the same description.
 */
class SdpParserMutationTest {

    static final List<String> FIXTURES = List.of(SdpFixtures.CHROME_OFFER, SdpFixtures.ASTERISK_OFFER,
            SdpFixtures.FREESWITCH_SDES_OFFER, SdpFixtures.CHROME_ANSWER_PCMU, SdpFixtures.FIREFOX_ANSWER_OPUS);
    static final String NASTY = " :=/|;\0\r\n\u00e9\uffff0123456789abcvomtca-";

    @Test
    void mutatedSdpIsAlwaysAValue() {
        Random random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            String base = FIXTURES.get(random.nextInt(FIXTURES.size()));
            StringBuilder sdp = new StringBuilder(base);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !sdp.isEmpty(); e++) {
                int at = random.nextInt(sdp.length());
                switch (random.nextInt(4)) {
                    case 0 -> sdp.setCharAt(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    case 1 -> sdp.deleteCharAt(at);
                    case 2 -> sdp.insert(at, NASTY.charAt(random.nextInt(NASTY.length())));
                    default -> sdp.setLength(at);
                }
            }
            SdpParseResult result = SdpParser.parse(sdp.toString());
            assertNotNull(result);
            if (result instanceof SdpParseResult.Parsed(SessionDescription d)) {
                assertEquals(d, ((SdpParseResult.Parsed) SdpParser.parse(d.encode())).description(), sdp::toString);
            } else if (result instanceof SdpParseResult.Invalid(String reason)) {
                // every refusal comes from a grammar check with its own reason, not the parser's safety net
                assertFalse(reason.startsWith("unparseable SDP"), () -> reason + " for:\n" + sdp);
            }
        }
    }
}
