package io.ringedge.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses SDP text from the network (RFC 8866). Structure is checked strictly: {@code v=0} first,
 * then {@code o=} and {@code s=}, at least one {@code t=}, lines in §5's order, known attributes
 * well-formed. Unknown attributes are kept verbatim. Absurd input is refused early by size limits,
 * so a hostile offer costs little. Nothing thrown escapes {@link #parse}.
 */
public final class SdpParser {

    /** Far above any real offer (a Chrome offer with video and simulcast is ~10 KiB). */
    public static final int MAX_BYTES = 64 * 1024;
    public static final int MAX_MEDIA = 50;
    public static final int MAX_ATTRIBUTES = 1000;

    /** RFC 8866 §5 order of session-level lines; t, r and z share a rank (time descriptions). */
    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    private static final String MEDIA_ORDER = "ickba";

    private SdpParser() {
    }

    public static SdpParseResult parse(String text) {
        if (text == null || text.isEmpty()) {
            return new SdpParseResult.Invalid("empty SDP");
        }
        if (text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return new SdpParseResult.Invalid("SDP larger than " + MAX_BYTES + " bytes");
        }
        try {
            return new SdpParseResult.Parsed(new Run(text).parse());
        } catch (SdpSyntaxException e) {
            return new SdpParseResult.Invalid(e.getMessage());
        } catch (RuntimeException e) {
            // a grammar check we did not foresee: still the sender's bad input, still an answer
            return new SdpParseResult.Invalid("unparseable SDP: " + e);
        }
    }

    /** RFC 8866 §5 lines end in CRLF; a bare LF is accepted too. Compiled once, not per parse. */
    private static final Pattern LINE_END = Pattern.compile("\r?\n");

    /** One parse: the cursor over the lines and the sections built so far. */
    private static final class Run {
        private final List<String> lines;
        private int index;
        private int attributeCount;

        Run(String text) {
            String[] raw = LINE_END.split(text, -1);
            int end = raw.length;
            while (end > 0 && raw[end - 1].isEmpty()) {
                end--; // trailing line endings
            }
            this.lines = List.of(raw).subList(0, end);
        }

        SessionDescription parse() {
            if (lines.isEmpty() || !lines.get(0).startsWith("v=")) {
                throw new SdpSyntaxException("SDP must start with v=");
            }
            if (!lines.get(0).equals("v=0")) {
                throw new SdpSyntaxException("line 1: only v=0 exists, was '" + lines.get(0) + "'");
            }
            index = 1;
            Origin origin = Origin.parse(expect('o'));
            String sessionName = expect('s');
            if (sessionName.isEmpty()) {
                throw new SdpSyntaxException("line 3: s= must not be empty (use s=-)");
            }
            List<SdpField> fields = new ArrayList<>();
            Optional<Connection> connection = Optional.empty();
            List<Attribute> attributes = new ArrayList<>();
            int rank = SESSION_ORDER.indexOf('s');
            boolean timing = false;
            while (index < lines.size() && type(lines.get(index)) != 'm') {
                String line = lines.get(index);
                char type = type(line);
                int r = rank(SESSION_ORDER, type, line);
                if (r < rank || (r == rank && "siuck".indexOf(type) >= 0)) {
                    throw new SdpSyntaxException(where() + type + "= out of order or repeated (RFC 8866 §5)");
                }
                rank = r;
                String value = line.substring(2);
                switch (type) {
                    case 'c' -> connection = Optional.of(Connection.parse(value));
                    case 'a' -> attributes.add(attribute(value));
                    case 'v', 'o', 's' -> throw new SdpSyntaxException(where() + type + "= repeated");
                    default -> {
                        timing |= type == 't';
                        fields.add(new SdpField(type, value));
                    }
                }
                index++;
            }
            if (!timing) {
                throw new SdpSyntaxException("no t= line (RFC 8866 §5.9 requires one)");
            }
            List<MediaDescription> media = new ArrayList<>();
            while (index < lines.size()) {
                if (media.size() == MAX_MEDIA) {
                    throw new SdpSyntaxException("more than " + MAX_MEDIA + " m= lines");
                }
                media.add(mediaSection(connection.isPresent()));
            }
            return new SessionDescription(origin, sessionName, fields, connection, attributes, media);
        }

        private MediaDescription mediaSection(boolean sessionConnection) {
            String mLine = lines.get(index).substring(2);
            int mLineNumber = index + 1;
            index++;
            String[] f = Tokens.fields(mLine, "line " + mLineNumber + ": m=");
            if (f.length < 4) {
                throw new SdpSyntaxException("line " + mLineNumber + ": m= needs media, port, proto and formats");
            }
            String[] port = f[1].split("/", -1);
            int portNumber = Tokens.integer(port[0], 0, 65535, "line " + mLineNumber + ": m= port");
            OptionalInt portCount = port.length == 2
                    ? OptionalInt.of(Tokens.integer(port[1], 1, 65535, "m= number of ports")) : OptionalInt.empty();
            if (port.length > 2 || !Tokens.isToken(f[0]) || !isProto(f[2])) {
                throw new SdpSyntaxException("line " + mLineNumber + ": malformed m= line '" + mLine + "'");
            }
            List<String> formats = List.of(f).subList(3, f.length);
            List<SdpField> fields = new ArrayList<>();
            Optional<Connection> connection = Optional.empty();
            List<Attribute> attributes = new ArrayList<>();
            int rank = -1;
            while (index < lines.size() && type(lines.get(index)) != 'm') {
                String line = lines.get(index);
                char type = type(line);
                int r = rank(MEDIA_ORDER, type, line);
                if (r < rank || (r == rank && "ick".indexOf(type) >= 0)) {
                    throw new SdpSyntaxException(where() + type + "= out of order or repeated in a media section");
                }
                rank = r;
                String value = line.substring(2);
                switch (type) {
                    case 'c' -> connection = Optional.of(Connection.parse(value));
                    case 'a' -> attributes.add(attribute(value));
                    default -> fields.add(new SdpField(type, value));
                }
                index++;
            }
            if (connection.isEmpty() && !sessionConnection && portNumber != 0) {
                throw new SdpSyntaxException("line " + mLineNumber + ": no c= for this media (RFC 8866 §5.7)");
            }
            return new MediaDescription(f[0], portNumber, portCount, f[2], formats, fields, connection, attributes);
        }

        /** proto = token *("/" token) (RFC 8866 §9) */
        private static boolean isProto(String proto) {
            for (String part : proto.split("/", -1)) {
                if (!Tokens.isToken(part)) {
                    return false;
                }
            }
            return true;
        }

        private Attribute attribute(String value) {
            if (++attributeCount > MAX_ATTRIBUTES) {
                throw new SdpSyntaxException("more than " + MAX_ATTRIBUTES + " attributes");
            }
            int colon = value.indexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (!Tokens.isToken(name)) {
                throw new SdpSyntaxException(where() + "attribute name is not a token: '" + name + "'");
            }
            Attribute attribute = colon < 0 ? Attribute.property(name) : Attribute.of(name, value.substring(colon + 1));
            try {
                KnownAttributes.check(attribute);
            } catch (SdpSyntaxException e) {
                throw new SdpSyntaxException(where() + "a=" + e.getMessage());
            }
            return attribute;
        }

        private String expect(char type) {
            if (index >= lines.size() || type(lines.get(index)) != type) {
                throw new SdpSyntaxException("line " + (index + 1) + ": expected " + type + "= (RFC 8866 §5)");
            }
            return lines.get(index++).substring(2);
        }

        /** The type letter of a {@code <type>=<value>} line (RFC 8866 §5: no whitespace around '='). */
        private char type(String line) {
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw new SdpSyntaxException(where() + "not a '<type>=<value>' line: '" + abbreviate(line) + "'");
            }
            if (line.indexOf('\0') >= 0 || line.indexOf('\r') >= 0) {
                throw new SdpSyntaxException(where() + "NUL or stray CR in line");
            }
            return line.charAt(0);
        }

        /** §5: a description with a type letter the parser does not understand must be rejected or ignored. */
        private int rank(String order, char type, String line) {
            int r = order.indexOf(type);
            if (r < 0) {
                throw new SdpSyntaxException(where() + "unknown or misplaced line type '" + abbreviate(line) + "'");
            }
            return order == SESSION_ORDER && (type == 'r' || type == 'z') ? SESSION_ORDER.indexOf('t') : r;
        }

        private String where() {
            return "line " + (index + 1) + ": ";
        }

        private static String abbreviate(String line) {
            return line.length() <= 40 ? line : line.substring(0, 40) + "...";
        }
    }
}
