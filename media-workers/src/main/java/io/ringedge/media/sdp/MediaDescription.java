package io.ringedge.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section: {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14)
 * and the lines under it. Typed views read the attributes on demand; the attribute list itself is
 * kept in order and verbatim.
 */
public record MediaDescription(String media, int port, OptionalInt portCount, String proto, List<String> formats,
                               List<SdpField> fields, Optional<Connection> connection, List<Attribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("m= port must be 0..65535, was " + port);
        }
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst().map(Attribute::valueOrEmpty);
    }

    public List<String> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::valueOrEmpty).toList();
    }

    public boolean has(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** A port of 0 rejects or disables the stream (RFC 3264 §5.1, §6). */
    public boolean rejected() {
        return port == 0;
    }

    public List<Rtpmap> rtpmaps() {
        return attributes("rtpmap").stream().map(Rtpmap::parse).toList();
    }

    /**
     * The rtpmap of a format: the explicit one, else the static assignment of RFC 3551 §6 for the
     * payload types PBXs commonly omit it for.
     */
    public Optional<Rtpmap> rtpmap(int payloadType) {
        Optional<Rtpmap> explicit = rtpmaps().stream().filter(r -> r.payloadType() == payloadType).findFirst();
        if (explicit.isPresent()) {
            return explicit;
        }
        return switch (payloadType) {
            case 0 -> Optional.of(new Rtpmap(0, "PCMU", 8000, OptionalInt.empty()));
            case 8 -> Optional.of(new Rtpmap(8, "PCMA", 8000, OptionalInt.empty()));
            case 9 -> Optional.of(new Rtpmap(9, "G722", 8000, OptionalInt.empty()));
            case 18 -> Optional.of(new Rtpmap(18, "G729", 8000, OptionalInt.empty()));
            default -> Optional.empty();
        };
    }

    public Optional<Fmtp> fmtp(int payloadType) {
        String format = Integer.toString(payloadType);
        return attributes("fmtp").stream().map(Fmtp::parse).filter(f -> f.format().equals(format)).findFirst();
    }

    /** The formats that are RTP payload type numbers, in the m= line's (preference) order. */
    public List<Integer> payloadTypes() {
        return formats.stream().filter(Tokens::isDigits).filter(f -> f.length() <= 3)
                .map(Integer::valueOf).filter(pt -> pt <= 127).toList();
    }

    /** The direction attribute here, if any (the session-level one applies otherwise). */
    public Optional<Direction> direction() {
        return attributes.stream().map(a -> Direction.fromAttribute(a.name())).flatMap(Optional::stream).findFirst();
    }

    public List<Crypto> cryptos() {
        return attributes("crypto").stream().map(Crypto::parse).toList();
    }

    public List<Candidate> candidates() {
        return attributes("candidate").stream().map(Candidate::parse).toList();
    }

    public Optional<String> mid() {
        return attribute("mid");
    }

    public boolean rtcpMux() {
        return has("rtcp-mux");
    }

    /** Secure RTP profiles: SDES or DTLS keyed (RFC 3711 §12, RFC 5764 §8). */
    public boolean isSecure() {
        return proto.contains("SAVP");
    }

    /** The DTLS-SRTP profiles UDP/TLS/RTP/SAVP(F) (RFC 5764 §8). */
    public boolean isDtls() {
        return proto.startsWith("UDP/TLS/");
    }

    public String mLine() {
        return media + " " + port + (portCount.isPresent() ? "/" + portCount.getAsInt() : "") + " " + proto
                + (formats.isEmpty() ? "" : " " + String.join(" ", formats));
    }
}
