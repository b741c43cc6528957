package io.ringedge.media.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Offer/answer on a session both legs already agreed (RFC 3264 §8), as pure functions: reading a
 * leg's later SDP against what was agreed, and writing the SDP for either leg. What may change
 * mid-call: direction (hold, RFC 3264 §8.4), the device's ICE credentials and candidates (ICE
 * restart, RFC 8445 §9) and the PBX's address and port. What may not, refused with 488 naming
 * the leg: the codec or its payload type, the device's certificate (a new DTLS association), the
 * PBX's SDES key (re-keying), or more than the one audio stream.
 */
public final class MidCall {

    /** What a device's later SDP says: its ICE credentials and candidates, its mid and direction. */
    public record DeviceTerms(String iceUfrag, String icePwd, List<Candidate> candidates, String mid,
                              Direction direction) {
        public DeviceTerms {
            candidates = List.copyOf(candidates);
        }
    }

    /** What a PBX's later SDP says: where it wants media and in which direction. */
    public record PbxTerms(String address, int rtpPort, int rtcpPort, Direction direction) {
    }

    private MidCall() {
    }

    /** A device's re-offer, or its answer to our re-offer, against what the session agreed. */
    public static Negotiated<DeviceTerms> readDevice(SessionDescription sdp, AgreedMedia agreed) {
        if (sdp.media().size() != 1) {
            return Negotiated.notAcceptable(Leg.DEVICE, "a mid-call SDP must keep the one audio stream, had "
                    + sdp.media().size() + " m= lines");
        }
        MediaDescription audio = sdp.media().get(0);
        if (!audio.media().equals("audio") || audio.rejected()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "the audio stream was removed");
        }
        if (!audio.isDtls()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "uses " + audio.proto() + ", the call is on UDP/TLS/RTP/SAVPF");
        }
        Optional<String> ufrag = sdp.attribute(audio, "ice-ufrag");
        Optional<String> pwd = sdp.attribute(audio, "ice-pwd");
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "no a=ice-ufrag/a=ice-pwd (RFC 8839 §5.4)");
        }
        Optional<Fingerprint> fingerprint = sdp.attribute(audio, "fingerprint").map(Fingerprint::parse);
        if (fingerprint.isEmpty() || !sameFingerprint(fingerprint.get(), agreed.deviceFingerprint())) {
            // RFC 8842 §5.2: another certificate means a new DTLS association; this one carries on
            return Negotiated.notAcceptable(Leg.DEVICE, "the certificate fingerprint changed; a new DTLS "
                    + "association mid-call is not supported");
        }
        Optional<String> refused = keepsCodec(audio, agreed.deviceCodec());
        if (refused.isPresent()) {
            return Negotiated.notAcceptable(Leg.DEVICE, refused.get());
        }
        return new Negotiated.Agreed<>(new DeviceTerms(ufrag.get(), pwd.get(), audio.candidates(),
                audio.mid().orElse(DeviceOfferBuilder.MID), sdp.direction(audio)));
    }

    /**
     * A PBX's re-offer: its terms as at the start (so the answer can mirror every m= line), checked
     * against what was agreed.
     */
    public static Negotiated<PbxOfferTerms> readPbxOffer(SessionDescription sdp, AgreedMedia agreed) {
        Negotiated<PbxOfferTerms> read = DeviceOfferBuilder.terms(sdp);
        if (!(read instanceof Negotiated.Agreed<PbxOfferTerms>(PbxOfferTerms terms))) {
            return read;
        }
        Optional<String> refused = keepsCodec(terms.audio(), agreed.pbxCodec())
                .or(() -> keepsKey(terms.crypto(), agreed.pbxSrtp()));
        return refused.isPresent() ? Negotiated.notAcceptable(Leg.PBX, refused.get()) : read;
    }

    /** A PBX's answer to our re-offer (which had one audio stream). */
    public static Negotiated<PbxTerms> readPbxAnswer(SessionDescription sdp, AgreedMedia agreed) {
        if (sdp.media().isEmpty() || !sdp.media().get(0).media().equals("audio") || sdp.media().get(0).rejected()) {
            return Negotiated.notAcceptable(Leg.PBX, "the answer rejected the audio stream");
        }
        MediaDescription audio = sdp.media().get(0);
        Optional<String> refused = keepsCodec(audio, agreed.pbxCodec())
                .or(() -> audio.isSecure() ? keepsKey(audio.cryptos().stream().findFirst(), agreed.pbxSrtp())
                        : keepsKey(Optional.empty(), agreed.pbxSrtp()));
        if (refused.isPresent()) {
            return Negotiated.notAcceptable(Leg.PBX, refused.get());
        }
        String address = sdp.connection(audio).map(Connection::address).orElse(agreed.pbxAddress());
        int rtcp = audio.attribute("rtcp").map(v -> RtcpAddress.parse(v).port()).orElse(audio.port() + 1);
        return new Negotiated.Agreed<>(new PbxTerms(address, audio.port(), rtcp, sdp.direction(audio)));
    }

    /** The PBX's terms in a re-offer, in the shape of an answer's. */
    public static PbxTerms pbxTerms(PbxOfferTerms offer) {
        return new PbxTerms(offer.remoteAddress(), offer.remoteRtpPort(), offer.remoteRtcpPort(), offer.direction());
    }

    /**
     * Our SDP toward the device, offer or answer: the agreed codec and telephone-event only, our
     * (possibly restarted) ICE credentials and candidate, our fingerprint, and our established
     * DTLS role (RFC 8842 §5.2 allows it in an offer; keeping it keeps the association).
     */
    public static SessionDescription toDevice(WebRtcTransport ours, AgreedMedia agreed, String mid,
                                              Direction direction, long sessionId, long version) {
        List<String> formats = new ArrayList<>(List.of(Integer.toString(agreed.deviceCodec().payloadType())));
        List<Attribute> attributes = new ArrayList<>(List.of(
                Attribute.of("ice-ufrag", ours.iceUfrag()),
                Attribute.of("ice-pwd", ours.icePwd()),
                ours.fingerprint().toAttribute(),
                (agreed.weAreDtlsClient() ? Setup.ACTIVE : Setup.PASSIVE).toAttribute(),
                Attribute.of("mid", mid),
                direction.toAttribute(),
                Attribute.property("rtcp-mux"),
                agreed.deviceCodec().rtpmap().toAttribute()));
        agreed.deviceCodec().fmtp().ifPresent(f -> attributes.add(Fmtp.of(agreed.deviceCodec().payloadType(), f)
                .toAttribute()));
        agreed.deviceTelephoneEvent().ifPresent(te -> {
            formats.add(Integer.toString(te.payloadType()));
            attributes.add(te.rtpmap().toAttribute());
            attributes.add(Fmtp.of(te.payloadType(), te.fmtp().orElse("0-16")).toAttribute());
        });
        attributes.add(Attribute.of("ptime", "20"));
        ours.candidates().forEach(c -> attributes.add(c.toAttribute()));
        attributes.add(Attribute.property("end-of-candidates"));
        MediaDescription audio = new MediaDescription("audio", ours.port(), OptionalInt.empty(), "UDP/TLS/RTP/SAVPF",
                formats, List.of(), Optional.of(DeviceOfferBuilder.connection(ours.address())), attributes);
        return new SessionDescription(origin(sessionId, version, ours.address()), "-",
                List.of(new SdpField('t', "0 0")), Optional.empty(), List.of(Group.bundle(List.of(mid)).toAttribute()),
                List.of(audio));
    }

    /**
     * Our SDP toward the PBX: the agreed codec, its telephone-event, our a=crypto when SDES, nothing
     * of WebRTC. Answering {@code offer}, every other m= line it has is refused with port 0 (RFC 3264
     * §6); offering, the one audio stream.
     */
    public static SessionDescription toPbx(Optional<PbxOfferTerms> offer, AgreedMedia agreed, Direction direction,
                                           String address, int rtpPort, long sessionId, long version) {
        List<String> formats = new ArrayList<>(List.of(Integer.toString(agreed.pbxCodec().payloadType())));
        List<Attribute> attributes = new ArrayList<>(List.of(agreed.pbxCodec().rtpmap().toAttribute()));
        agreed.pbxTelephoneEvent().ifPresent(te -> {
            formats.add(Integer.toString(te.payloadType()));
            attributes.add(te.rtpmap().toAttribute());
            attributes.add(Fmtp.of(te.payloadType(), te.fmtp().orElse("0-16")).toAttribute());
        });
        attributes.add(Attribute.of("ptime", "20"));
        attributes.add(direction.toAttribute());
        agreed.pbxSrtp().ifPresent(k -> attributes.add(k.ours().toAttribute()));
        String proto = agreed.pbxSrtp().isPresent() ? "RTP/SAVP" : "RTP/AVP";
        MediaDescription ourAudio = new MediaDescription("audio", rtpPort, OptionalInt.empty(), proto, formats,
                List.of(), Optional.empty(), attributes);
        List<MediaDescription> media = new ArrayList<>();
        if (offer.isEmpty()) {
            media.add(ourAudio);
        } else {
            List<MediaDescription> offered = offer.get().offer().media();
            for (int i = 0; i < offered.size(); i++) {
                MediaDescription m = offered.get(i);
                media.add(i == offer.get().audioIndex() ? ourAudio : new MediaDescription(m.media(), 0,
                        OptionalInt.empty(), m.proto(), m.formats(), List.of(), Optional.empty(), List.of()));
            }
        }
        return new SessionDescription(origin(sessionId, version, address), "-", List.of(new SdpField('t', "0 0")),
                Optional.of(DeviceOfferBuilder.connection(address)), List.of(), media);
    }

    /** RFC 3264 §8: each new SDP of a session carries the same o= session id and a higher version. */
    private static Origin origin(long sessionId, long version, String address) {
        Connection c = DeviceOfferBuilder.connection(address);
        return new Origin("-", Long.toUnsignedString(sessionId), Long.toString(version), c.netType(), c.addressType(),
                c.address());
    }

    /** Why {@code audio} does not keep the agreed codec with its payload type, if it does not. */
    private static Optional<String> keepsCodec(MediaDescription audio, PayloadFormat agreed) {
        boolean kept = audio.payloadTypes().contains(agreed.payloadType())
                && audio.rtpmap(agreed.payloadType()).filter(r -> r.is(agreed.rtpmap().encoding(),
                agreed.rtpmap().clockRate())).isPresent();
        return kept ? Optional.empty() : Optional.of("the call's codec " + agreed.name() + " (payload type "
                + agreed.payloadType() + ") is not in " + audio.formats() + "; changing codecs mid-call is not supported");
    }

    /** Why an SDES line does not keep the agreed key, if it does not (no re-keying mid-call). */
    private static Optional<String> keepsKey(Optional<Crypto> offered, Optional<SdesKeys> agreed) {
        if (agreed.isEmpty()) {
            return offered.isEmpty() ? Optional.empty() : Optional.of("SDES-SRTP offered mid-call on a plain RTP call");
        }
        boolean same = offered.filter(c -> c.suite().equals(agreed.get().theirs().suite()) && c.keys().size() == 1
                && Arrays.equals(c.keys().get(0).keyAndSalt(), agreed.get().theirs().keys().get(0).keyAndSalt()))
                .isPresent();
        return same ? Optional.empty() : Optional.of("the SDES key or suite changed; re-keying mid-call is not supported");
    }

    private static boolean sameFingerprint(Fingerprint a, Fingerprint b) {
        return a.hashFunction().equalsIgnoreCase(b.hashFunction()) && Arrays.equals(a.bytes(), b.bytes());
    }
}
