package io.ringedge.testkit.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Cuts SIP messages out of a byte stream (TCP), as RFC 3261 section 18.3 says: the headers end at
 * the first empty line, the body is Content-Length bytes (which stream transports must send; absent
 * means 0 here). CRLFs between messages (RFC 5626 keep-alives) are skipped. Bytes arrive in any
 * slicing; a message is returned only once it is complete. Not thread-safe.
 */
public final class SipStreamFramer {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public void append(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
    }

    /** The next complete message's text, if one has fully arrived. */
    public Optional<String> next() {
        byte[] buf = pending.toByteArray();
        int start = 0;
        while (start < buf.length && (buf[start] == '\r' || buf[start] == '\n')) {
            start++;
        }
        int headerEnd = indexOf(buf, start, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headerEnd < 0) {
            keep(buf, start);
            return Optional.empty();
        }
        int bodyStart = headerEnd + 4;
        String head = new String(buf, start, headerEnd - start, StandardCharsets.UTF_8);
        int length = contentLength(head);
        if (buf.length - bodyStart < length) {
            keep(buf, start);
            return Optional.empty();
        }
        int end = bodyStart + length;
        String message = new String(buf, start, end - start, StandardCharsets.UTF_8);
        keep(buf, end);
        return Optional.of(message);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") || name.equals("l")) {
                    try {
                        return Math.max(0, Integer.parseInt(line.substring(colon + 1).trim()));
                    } catch (NumberFormatException e) {
                        return 0; // the parser will name the bad value
                    }
                }
            }
        }
        return 0;
    }

    private void keep(byte[] buf, int from) {
        pending.reset();
        pending.write(buf, from, buf.length - from);
    }

    private static int indexOf(byte[] haystack, int from, byte[] needle) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
