package io.ringedge.media.sdp;

import io.ringedge.media.srtp.SrtpProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/** Device answer → SDP answer for the PBX (see {@link OfferAnswer#pbxAnswer}). */
final class PbxAnswerBuilder {

    private PbxAnswerBuilder() {
    }

    static Negotiated<PbxAnswer> build(PbxOfferTerms pbx, SessionDescription deviceAnswer, String pbxAddress,
                                       int pbxRtpPort, long sessionId, IntFunction<byte[]> keyMaterial) {
        if (deviceAnswer.media().size() != 1) {
            // RFC 3264 §6: the answer has exactly as many m= lines as the offer (ours has one)
            return Negotiated.notAcceptable(Leg.DEVICE, "answer has " + deviceAnswer.media().size()
                    + " m= lines, the offer had 1");
        }
        MediaDescription audio = deviceAnswer.media().get(0);
        if (!audio.media().equals("audio") || audio.rejected()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "the device rejected the audio stream");
        }
        if (!audio.isDtls()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "answer uses " + audio.proto() + ", offer was UDP/TLS/RTP/SAVPF");
        }
        Optional<String> ufrag = deviceAnswer.attribute(audio, "ice-ufrag");
        Optional<String> pwd = deviceAnswer.attribute(audio, "ice-pwd");
        if (ufrag.isEmpty() || pwd.isEmpty()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "answer has no a=ice-ufrag/a=ice-pwd (RFC 8839 §5.4)");
        }
        Optional<Fingerprint> fingerprint = deviceAnswer.attribute(audio, "fingerprint").map(Fingerprint::parse);
        if (fingerprint.isEmpty()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "answer has no a=fingerprint (RFC 8122 §5)");
        }
        Setup setup = deviceAnswer.attribute(audio, "setup").map(Setup::parse).orElse(Setup.ACTIVE);
        if (setup != Setup.ACTIVE && setup != Setup.PASSIVE) {
            // RFC 5763 §5: the answerer picks active or passive; actpass/holdconn leave no DTLS client
            return Negotiated.notAcceptable(Leg.DEVICE, "answer has a=setup:" + setup.name().toLowerCase(java.util.Locale.ROOT)
                    + ", must be active or passive (RFC 5763 §5)");
        }
        Optional<PayloadFormat> deviceCodec = Optional.empty();
        for (int pt : audio.payloadTypes()) {
            // a G.711 the PBX did not offer cannot pass through; a device listing it anyway is ignored
            Optional<PayloadFormat> f = offered(audio, pt).filter(p -> p.isOpus()
                    || (p.isG711() && pbx.codecs().stream().anyMatch(c -> c.is(p.rtpmap().encoding(), 8000))));
            if (f.isPresent()) {
                deviceCodec = f;
                break;
            }
        }
        if (deviceCodec.isEmpty()) {
            return Negotiated.notAcceptable(Leg.DEVICE, "answer accepts none of the offered codecs (opus/48000, "
                    + "PCMU/8000, PCMA/8000), formats were " + audio.formats());
        }
        PayloadFormat device = deviceCodec.get();
        MediaMode mode;
        PayloadFormat pbxCodec;
        if (device.isG711()) {
            // the device sends the codec it lists first (RFC 3264 §6.1); the PBX offered it too
            mode = MediaMode.PASS_THROUGH;
            pbxCodec = pbx.codecs().stream().filter(c -> c.is(device.rtpmap().encoding(), 8000)).findFirst().orElseThrow();
        } else {
            mode = MediaMode.TRANSCODE;
            pbxCodec = pbx.codecs().get(0);
        }
        int deviceRate = device.rtpmap().clockRate();
        Optional<PayloadFormat> deviceTelephoneEvent = audio.payloadTypes().stream()
                .map(pt -> offered(audio, pt)).flatMap(Optional::stream)
                .filter(f -> f.isTelephoneEvent() && f.rtpmap().clockRate() == deviceRate).findFirst();
        Optional<SdesKeys> srtp = pbx.crypto().map(theirs -> {
            SrtpProfile profile = SrtpProfile.valueOf(theirs.suite());
            byte[] key = keyMaterial.apply(profile.masterKeyLength() + profile.masterSaltLength());
            return new SdesKeys(profile, theirs, Crypto.inline(theirs.tag(), theirs.suite(), key));
        });
        Direction direction = deviceAnswer.direction(audio);
        AgreedMedia agreed = new AgreedMedia(mode, pbxCodec, pbx.telephoneEvent(), device, deviceTelephoneEvent,
                ufrag.get(), pwd.get(), audio.candidates(), fingerprint.get(), setup == Setup.PASSIVE,
                srtp, pbx.remoteAddress(), pbx.remoteRtpPort(), pbx.remoteRtcpPort());
        return new Negotiated.Agreed<>(new PbxAnswer(answer(pbx, agreed, direction, pbxAddress, pbxRtpPort, sessionId),
                agreed));
    }

    /** A format in the answer, with the rtpmap we gave it in the offer (the answer may omit it). */
    private static Optional<PayloadFormat> offered(MediaDescription answer, int pt) {
        Optional<Rtpmap> rtpmap = answer.rtpmap(pt).or(() -> switch (pt) {
            case DeviceOfferBuilder.OPUS_PT -> Optional.of(new Rtpmap(pt, "opus", 48000, OptionalInt.of(2)));
            case DeviceOfferBuilder.TELEPHONE_EVENT_8000_PT -> Optional.of(new Rtpmap(pt, "telephone-event", 8000,
                    OptionalInt.empty()));
            case DeviceOfferBuilder.TELEPHONE_EVENT_48000_PT -> Optional.of(new Rtpmap(pt, "telephone-event", 48000,
                    OptionalInt.empty()));
            default -> Optional.empty();
        });
        return rtpmap.map(r -> new PayloadFormat(pt, r, answer.fmtp(pt).map(Fmtp::parameters)));
    }

    /**
     * The PBX's answer: its own payload type numbers, one codec so it sends what we expect, its
     * telephone-event, a=crypto with the accepted tag when it offered SDES, and nothing of WebRTC:
     * ICE, DTLS and rtcp-mux attributes make many PBXs answer 488. Every other m= line it offered
     * is refused with port 0 (RFC 3264 §6).
     */
    private static SessionDescription answer(PbxOfferTerms pbx, AgreedMedia agreed, Direction direction,
                                             String address, int rtpPort, long sessionId) {
        List<MediaDescription> media = new ArrayList<>();
        for (int i = 0; i < pbx.offer().media().size(); i++) {
            MediaDescription offered = pbx.offer().media().get(i);
            if (i != pbx.audioIndex()) {
                media.add(new MediaDescription(offered.media(), 0, OptionalInt.empty(), offered.proto(),
                        offered.formats(), List.of(), Optional.empty(), List.of()));
                continue;
            }
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
            media.add(new MediaDescription("audio", rtpPort, OptionalInt.empty(), offered.proto(), formats, List.of(),
                    Optional.empty(), attributes));
        }
        return new SessionDescription(DeviceOfferBuilder.origin(sessionId, address), "-",
                List.of(new SdpField('t', "0 0")), Optional.of(DeviceOfferBuilder.connection(address)), List.of(), media);
    }
}
