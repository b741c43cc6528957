package io.ringedge.testkit.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one SIP message from a message-oriented transport (a WebSocket text frame, RFC 7118
 * section 5.1: one SIP message per frame; a UDP datagram; one record of a SIPp trace).
 *
 * <p>Strict where a wrong value would hide a bug in the peer (start line, header syntax, a body
 * shorter than its Content-Length), lenient where RFC 3261 asks receivers to be: compact header
 * names, bare LF line ends, leading CRLF keep-alives, folded header lines (section 7.3.1), and bytes
 * beyond Content-Length, which section 18.3 says to discard.
 */
public final class SipParser {

    private SipParser() {
    }

    public static SipMessage parse(String text) {
        String message = stripLeadingLineBreaks(text);
        if (message.isEmpty()) {
            throw new SipParseException("empty message");
        }
        int headEnd = message.indexOf("\r\n\r\n");
        int bodyStart = headEnd + 4;
        int lfEnd = message.indexOf("\n\n");
        if (lfEnd >= 0 && (headEnd < 0 || lfEnd < headEnd)) {
            headEnd = lfEnd;
            bodyStart = lfEnd + 2;
        }
        if (headEnd < 0) {
            // a message without body may end right after its last header line
            if (!message.endsWith("\r\n") && !message.endsWith("\n")) {
                throw new SipParseException("no empty line after the headers");
            }
            headEnd = message.length();
            bodyStart = message.length();
        }
        List<String> lines = unfold(Arrays.asList(message.substring(0, headEnd).split("\r?\n", -1)));
        String startLine = lines.getFirst();
        SipHeaders headers = SipHeaders.of(parseHeaders(lines.subList(1, lines.size())));
        String body = body(message.substring(bodyStart), headers);
        if (startLine.startsWith("SIP/")) {
            return parseStatusLine(startLine, headers, body);
        }
        return parseRequestLine(startLine, headers, body);
    }

    private static String stripLeadingLineBreaks(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
            i++;
        }
        return text.substring(i);
    }

    private static List<String> unfold(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String line : raw) {
            if (!out.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (out.size() == 1) {
                    throw new SipParseException("the start line cannot be continued: '" + line + "'");
                }
                out.set(out.size() - 1, out.getLast() + " " + line.trim());
            } else {
                out.add(line);
            }
        }
        return out;
    }

    private static List<SipHeader> parseHeaders(List<String> lines) {
        List<SipHeader> headers = new ArrayList<>(lines.size());
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new SipParseException("header line without a name and ':': '" + line + "'");
            }
            String name = line.substring(0, colon).trim();
            if (name.isEmpty() || !isToken(name)) {
                throw new SipParseException("invalid header name '" + name + "'");
            }
            headers.add(new SipHeader(name, line.substring(colon + 1).trim()));
        }
        return headers;
    }

    private static String body(String rest, SipHeaders headers) {
        byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
        String declared = headers.first("Content-Length").orElse(null);
        if (declared == null) {
            return rest; // RFC 3261 section 18.3: optional on message-oriented transports
        }
        int length;
        try {
            length = Integer.parseInt(declared.trim());
        } catch (NumberFormatException e) {
            throw new SipParseException("Content-Length is not a number: '" + declared + "'");
        }
        if (length < 0) {
            throw new SipParseException("Content-Length is negative: " + length);
        }
        if (length > bytes.length) {
            throw new SipParseException("Content-Length " + length + " but the body has only " + bytes.length + " bytes");
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static SipResponse parseStatusLine(String line, SipHeaders headers, String body) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].equals("SIP/2.0")) {
            throw new SipParseException("invalid status line '" + line + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new SipParseException("status code is not a number in '" + line + "'");
        }
        if (parts[1].length() != 3 || status < 100 || status > 699) {
            throw new SipParseException("status code must be 100..699 in '" + line + "'");
        }
        return new SipResponse(status, parts.length == 3 ? parts[2] : "", headers, body);
    }

    private static SipRequest parseRequestLine(String line, SipHeaders headers, String body) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[2].equals("SIP/2.0")) {
            throw new SipParseException("invalid request line '" + line + "' (want 'METHOD uri SIP/2.0')");
        }
        if (!isToken(parts[0])) {
            throw new SipParseException("invalid method '" + parts[0] + "'");
        }
        if (parts[1].indexOf(':') <= 0) {
            throw new SipParseException("Request-URI has no scheme: '" + parts[1] + "'");
        }
        return new SipRequest(parts[0], parts[1], headers, body);
    }

    /** RFC 3261 section 25.1 token characters. */
    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-.!%*_+`'~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
