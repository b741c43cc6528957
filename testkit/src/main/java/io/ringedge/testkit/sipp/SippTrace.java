package io.ringedge.testkit.sipp;

import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipParseException;
import io.ringedge.testkit.sip.SipParser;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of a SIPp {@code -trace_msg} log, parsed, so tests can assert on exactly what the PBX
 * sent and received (e.g. that the edge hid the device's Via and Contact). The log is a sequence of
 * blocks: a dashed line with a timestamp, {@code "UDP message sent (N bytes):"} or
 * {@code "TCP message received [N] bytes :"}, an empty line, the message.
 */
public final class SippTrace {

    /**
     * @param message null when the text did not parse as SIP (kept in {@code text})
     */
    public record Entry(String time, boolean sent, String transport, String text, SipMessage message) {

        public boolean isRequest(String method) {
            return message instanceof SipRequest r && r.isMethod(method);
        }

        public boolean isResponse(int status) {
            return message instanceof SipResponse r && r.status() == status;
        }
    }

    private static final Pattern SEPARATOR = Pattern.compile("(?m)^-{20,} ?(.*)\\R");
    private static final Pattern HEADING = Pattern.compile("^(\\w+) message (sent|received)\\b.*\\R\\R?");

    private SippTrace() {
    }

    public static List<Entry> parse(String log) {
        List<Entry> entries = new ArrayList<>();
        Matcher separator = SEPARATOR.matcher(log);
        List<int[]> blocks = new ArrayList<>();
        List<String> times = new ArrayList<>();
        while (separator.find()) {
            if (!blocks.isEmpty()) {
                blocks.getLast()[1] = separator.start();
            }
            blocks.add(new int[] {separator.end(), log.length()});
            times.add(separator.group(1).trim());
        }
        for (int i = 0; i < blocks.size(); i++) {
            String block = log.substring(blocks.get(i)[0], blocks.get(i)[1]);
            Matcher heading = HEADING.matcher(block);
            if (!heading.find()) {
                continue; // not a message block (SIPp writes nothing else here today)
            }
            String text = block.substring(heading.end());
            SipMessage message;
            try {
                message = SipParser.parse(text);
            } catch (SipParseException e) {
                message = null;
            }
            entries.add(new Entry(times.get(i), heading.group(2).equals("sent"), heading.group(1), text, message));
        }
        return entries;
    }
}
