package io.ringedge.media.sdp;

import java.util.function.IntFunction;

/**
 * The worker's offer/answer (RFC 3264) between a PBX and a WebRTC device, as pure functions: the
 * PBX offers, the worker offers the device, the device answers, the worker answers the PBX.
 * Refusals are values ({@link Negotiated.Rejected}) naming the leg, never exceptions.
 */
public final class OfferAnswer {

    private OfferAnswer() {
    }

    /**
     * The WebRTC offer for the device built from the PBX's offer: UDP/TLS/RTP/SAVPF with our ICE
     * credentials and candidates, our DTLS fingerprint, a=setup:actpass, rtcp-mux, BUNDLE, the
     * PBX's G.711 codecs, Opus, and telephone-event at 8000 and 48000 Hz. Refused (488, PBX leg)
     * when the PBX offers no audio we can carry.
     */
    public static Negotiated<DeviceOffer> deviceOffer(SessionDescription pbxOffer, WebRtcTransport ours,
                                                      long sessionId) {
        return DeviceOfferBuilder.build(pbxOffer, ours, sessionId);
    }

    /**
     * The answer for the PBX built from the device's answer: RTP/AVP (or RTP/SAVP with our
     * a=crypto, keyed by {@code keyMaterial(length)}) on our PBX-side address and port, the codec
     * the device chose or, when it chose Opus, the PBX's preferred G.711 (transcoding), and the
     * PBX's telephone-event. Refused (488, device leg) when the answer is unusable.
     */
    public static Negotiated<PbxAnswer> pbxAnswer(PbxOfferTerms pbx, SessionDescription deviceAnswer,
                                                  String pbxAddress, int pbxRtpPort, long sessionId,
                                                  IntFunction<byte[]> keyMaterial) {
        return PbxAnswerBuilder.build(pbx, deviceAnswer, pbxAddress, pbxRtpPort, sessionId, keyMaterial);
    }
}
