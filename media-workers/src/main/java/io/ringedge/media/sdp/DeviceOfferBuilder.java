package io.ringedge.media.sdp;

import io.ringedge.media.srtp.SrtpProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** PBX offer → WebRTC offer for the device (see {@link OfferAnswer#deviceOffer}). */
final class DeviceOfferBuilder {

    /** Chrome's and Firefox's numbers, so the device's answer keeps them and logs read familiar. */
    static final int OPUS_PT = 111;
    static final int TELEPHONE_EVENT_48000_PT = 110;
    static final int TELEPHONE_EVENT_8000_PT = 126;
    static final String MID = "0";

    private DeviceOfferBuilder() {
    }

    static Negotiated<DeviceOffer> build(SessionDescription pbxOffer, WebRtcTransport ours, long sessionId) {
        Negotiated<PbxOfferTerms> terms = terms(pbxOffer);
        if (!(terms instanceof Negotiated.Agreed<PbxOfferTerms>(PbxOfferTerms t))) {
            Negotiated.Rejected<PbxOfferTerms> r = (Negotiated.Rejected<PbxOfferTerms>) terms;
            return new Negotiated.Rejected<>(r.leg(), r.sipStatus(), r.reason());
        }
        return new Negotiated.Agreed<>(new DeviceOffer(offer(t, ours, sessionId), t));
    }

    static Negotiated<PbxOfferTerms> terms(SessionDescription offer) {
        int audioIndex = -1;
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription m = offer.media().get(i);
            if (m.media().equals("audio") && !m.rejected()) {
                audioIndex = i;
                break;
            }
        }
        if (audioIndex < 0) {
            return Negotiated.notAcceptable(Leg.PBX, "no audio stream offered");
        }
        MediaDescription audio = offer.media().get(audioIndex);
        if (audio.isDtls() || !audio.proto().startsWith("RTP/")) {
            // DTLS-SRTP and ICE are WebRTC-leg only: PBXs that offer them get a clear refusal
            return Negotiated.notAcceptable(Leg.PBX, "unsupported transport " + audio.proto()
                    + " (RTP/AVP or RTP/SAVP with a=crypto only)");
        }
        Optional<Crypto> crypto = Optional.empty();
        if (audio.isSecure()) {
            crypto = audio.cryptos().stream().filter(DeviceOfferBuilder::usable).findFirst();
            if (crypto.isEmpty()) {
                String offered = audio.cryptos().stream().map(Crypto::suite).collect(Collectors.joining(", "));
                return Negotiated.notAcceptable(Leg.PBX, audio.proto() + " without a usable a=crypto (offered: "
                        + (offered.isEmpty() ? "none" : offered) + "; supported: AES_CM_128_HMAC_SHA1_80, "
                        + "AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM without MKI or session parameters)");
            }
        }
        List<PayloadFormat> codecs = new ArrayList<>();
        Optional<PayloadFormat> telephoneEvent = Optional.empty();
        List<String> unsupported = new ArrayList<>();
        for (int pt : audio.payloadTypes()) {
            Optional<Rtpmap> rtpmap = audio.rtpmap(pt);
            if (rtpmap.isEmpty()) {
                unsupported.add(Integer.toString(pt));
                continue;
            }
            PayloadFormat format = new PayloadFormat(pt, rtpmap.get(), audio.fmtp(pt).map(Fmtp::parameters));
            if (format.isG711()) {
                codecs.add(format);
            } else if (format.isTelephoneEvent() && format.rtpmap().clockRate() == 8000 && telephoneEvent.isEmpty()) {
                telephoneEvent = Optional.of(format);
            } else {
                unsupported.add(format.name());
            }
        }
        if (codecs.isEmpty()) {
            return Negotiated.notAcceptable(Leg.PBX, "no supported codec offered (offered: "
                    + String.join(", ", unsupported) + "; supported: PCMU/8000, PCMA/8000)");
        }
        Optional<Connection> connection = offer.connection(audio);
        String address = connection.map(Connection::address).orElse("");
        // RFC 3605 §2.1: a=rtcp when RTCP is not on the next port; RFC 3550 §11 otherwise
        int rtcpPort = audio.attribute("rtcp").map(v -> RtcpAddress.parse(v).port()).orElse(audio.port() + 1);
        return new Negotiated.Agreed<>(new PbxOfferTerms(offer, audioIndex, codecs, telephoneEvent, crypto,
                address, audio.port(), rtcpPort, offer.direction(audio)));
    }

    /** A crypto line our SRTP stack can key: a known suite, one key, no MKI, no session parameters. */
    private static boolean usable(Crypto crypto) {
        boolean knownSuite = java.util.Arrays.stream(SrtpProfile.values()).anyMatch(p -> p.name().equals(crypto.suite()));
        return knownSuite && crypto.keys().size() == 1 && crypto.keys().get(0).mki().isEmpty()
                && crypto.sessionParams().isEmpty();
    }

    /**
     * The device offer (JSEP, RFC 8829 §5.2.1 shape): one BUNDLEd audio section on UDP/TLS/RTP/SAVPF
     * with rtcp-mux. The PBX's G.711 codecs come first: when the device accepts one, it sends it
     * and the call passes through without decoding; the PBX leg bounds the quality at G.711 anyway.
     * Opus follows for devices that refuse G.711, then telephone-event at both rates (RFC 4733
     * §2.5.1.1: its clock rate must match the audio codec's).
     */
    private static SessionDescription offer(PbxOfferTerms pbx, WebRtcTransport ours, long sessionId) {
        List<String> formats = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>(List.of(
                Attribute.of("ice-ufrag", ours.iceUfrag()),
                Attribute.of("ice-pwd", ours.icePwd()),
                ours.fingerprint().toAttribute(),
                // RFC 5763 §5: the offerer must use actpass and let the answerer pick the DTLS role
                Setup.ACTPASS.toAttribute(),
                Attribute.of("mid", MID),
                pbx.direction().toAttribute(),
                Attribute.property("rtcp-mux")));
        for (PayloadFormat g711 : pbx.codecs()) {
            int pt = g711.is("PCMU", 8000) ? 0 : 8; // static on the device leg (RFC 3551 §6)
            if (!formats.contains(Integer.toString(pt))) {
                formats.add(Integer.toString(pt));
                attributes.add(new Rtpmap(pt, g711.rtpmap().encoding(), 8000, OptionalInt.empty()).toAttribute());
            }
        }
        formats.add(Integer.toString(OPUS_PT));
        attributes.add(new Rtpmap(OPUS_PT, "opus", 48000, OptionalInt.of(2)).toAttribute());
        // RFC 7587 §7: in-band FEC lets the receiver repair a lost frame from the next one
        attributes.add(Fmtp.of(OPUS_PT, "minptime=10;useinbandfec=1").toAttribute());
        formats.add(Integer.toString(TELEPHONE_EVENT_8000_PT));
        attributes.add(new Rtpmap(TELEPHONE_EVENT_8000_PT, "telephone-event", 8000, OptionalInt.empty()).toAttribute());
        attributes.add(Fmtp.of(TELEPHONE_EVENT_8000_PT, "0-16").toAttribute());
        formats.add(Integer.toString(TELEPHONE_EVENT_48000_PT));
        attributes.add(new Rtpmap(TELEPHONE_EVENT_48000_PT, "telephone-event", 48000, OptionalInt.empty()).toAttribute());
        attributes.add(Fmtp.of(TELEPHONE_EVENT_48000_PT, "0-16").toAttribute());
        attributes.add(Attribute.of("ptime", "20"));
        ours.candidates().forEach(c -> attributes.add(c.toAttribute()));
        // RFC 8840 §8.2: all our candidates are in the offer; nothing will trickle
        attributes.add(Attribute.property("end-of-candidates"));
        MediaDescription audio = new MediaDescription("audio", ours.port(), OptionalInt.empty(), "UDP/TLS/RTP/SAVPF",
                formats, List.of(), Optional.of(connection(ours.address())), attributes);
        return new SessionDescription(origin(sessionId, ours.address()), "-", List.of(new SdpField('t', "0 0")),
                Optional.empty(), List.of(Group.bundle(List.of(MID)).toAttribute()), List.of(audio));
    }

    static Origin origin(long sessionId, String address) {
        Connection c = connection(address);
        return new Origin("-", Long.toUnsignedString(sessionId), "1", c.netType(), c.addressType(), c.address());
    }

    static Connection connection(String address) {
        return new Connection("IN", address.contains(":") ? "IP6" : "IP4", address);
    }
}
