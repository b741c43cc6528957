package io.ringedge.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * A session description (RFC 8866 §5): origin, session name, the verbatim fields, an optional
 * session-level connection, session attributes and the media sections. {@code v=} is always 0.
 */
public record SessionDescription(Origin origin, String sessionName, List<SdpField> fields,
                                 Optional<Connection> connection, List<Attribute> attributes,
                                 List<MediaDescription> media) {

    public SessionDescription {
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst().map(Attribute::valueOrEmpty);
    }

    public List<String> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::valueOrEmpty).toList();
    }

    /** A media-level attribute, else the session-level one (RFC 8866 §5: media level overrides). */
    public Optional<String> attribute(MediaDescription m, String name) {
        return m.attribute(name).or(() -> attribute(name));
    }

    public Direction direction(MediaDescription m) {
        return m.direction().or(() -> attributes.stream().map(a -> Direction.fromAttribute(a.name()))
                .flatMap(Optional::stream).findFirst()).orElse(Direction.SENDRECV);
    }

    /** Where the media goes: the section's c=, else the session's (RFC 8866 §5.7). */
    public Optional<Connection> connection(MediaDescription m) {
        return m.connection().or(() -> connection);
    }

    public Optional<Group> bundleGroup() {
        return attributes("group").stream().map(Group::parse).filter(g -> g.semantics().equals("BUNDLE")).findFirst();
    }

    /** The text, CRLF line endings (RFC 8866 §5), in the order of §5's grammar. */
    public String encode() {
        StringBuilder sb = new StringBuilder(512);
        line(sb, "v=0");
        line(sb, "o=" + origin.value());
        line(sb, "s=" + sessionName);
        fields.stream().filter(SdpField::precedesConnection).forEach(f -> line(sb, f.type() + "=" + f.value()));
        connection.ifPresent(c -> line(sb, "c=" + c.value()));
        fields.stream().filter(f -> !f.precedesConnection()).forEach(f -> line(sb, f.type() + "=" + f.value()));
        attributes.forEach(a -> line(sb, a.encode()));
        for (MediaDescription m : media) {
            line(sb, "m=" + m.mLine());
            m.fields().stream().filter(SdpField::precedesConnection).forEach(f -> line(sb, f.type() + "=" + f.value()));
            m.connection().ifPresent(c -> line(sb, "c=" + c.value()));
            m.fields().stream().filter(f -> !f.precedesConnection()).forEach(f -> line(sb, f.type() + "=" + f.value()));
            m.attributes().forEach(a -> line(sb, a.encode()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append("\r\n");
    }
}
