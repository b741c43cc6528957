package io.ringedge.media.control;

import io.ringedge.media.ice.IceCredentials;
import io.ringedge.media.sdp.AgreedMedia;
import io.ringedge.media.sdp.Direction;
import io.ringedge.media.sdp.Leg;
import io.ringedge.media.sdp.MidCall;
import io.ringedge.media.sdp.MidCall.DeviceTerms;
import io.ringedge.media.sdp.MidCall.PbxTerms;
import io.ringedge.media.sdp.Negotiated;
import io.ringedge.media.sdp.PbxOfferTerms;
import io.ringedge.media.sdp.SessionDescription;
import io.ringedge.media.sdp.WebRtcTransport;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One answered session's mid-call offer/answer (RFC 3264 §8), in the spirit of rtpengine's offer
 * and answer on an existing call. A leg's offer is answered here when the change concerns that
 * leg only: an ICE restart from the device (new ufrag/pwd: the worker restarts ICE with new
 * credentials of its own and keeps DTLS and SRTP, RFC 8445 §9; its fingerprint must not change, or
 * it would ask for a new DTLS association), a new PBX address (re-latch), or a refresh that changes
 * nothing. A change of
 * direction (hold, resume, RFC 3264 §8.4) must reach the other leg: the worker writes an offer for
 * it and waits for its answer, one offer at a time. Each leg's direction is kept as that leg
 * declared it; the worker's own direction toward a leg is what the other leg allows. Not
 * thread-safe: the session's monitor guards it.
 */
final class Renegotiation {

    /** A step's result: the SDP to send and, once both legs agreed, what the media must do. */
    record Step(Leg sendTo, boolean answer, String sdp, Optional<MediaUpdate> update) {
    }

    /** An offer that went to the other leg, waiting for its answer. */
    private record Pending(Leg from, Optional<DeviceTerms> device, Optional<PbxOfferTerms> pbx,
                           Optional<IceCredentials> restart) {
    }

    private final long sdpSessionId;
    private final InetSocketAddress ourPbxAddress;
    private final Supplier<IceCredentials> freshCredentials;
    private AgreedMedia agreed;
    private WebRtcTransport ours;
    private Direction pbxDirection;
    private Direction deviceDirection;
    private String deviceMid;
    private long pbxVersion = 1;
    private long deviceVersion = 1;
    private Pending pending;

    Renegotiation(long sdpSessionId, InetSocketAddress ourPbxAddress, WebRtcTransport ours, AgreedMedia agreed,
                  Direction pbxDirection, Direction deviceDirection, String deviceMid,
                  Supplier<IceCredentials> freshCredentials) {
        this.sdpSessionId = sdpSessionId;
        this.ourPbxAddress = ourPbxAddress;
        this.ours = ours;
        this.agreed = agreed;
        this.pbxDirection = pbxDirection;
        this.deviceDirection = deviceDirection;
        this.deviceMid = deviceMid;
        this.freshCredentials = freshCredentials;
    }

    /** Our device-facing transport as we advertise it now (new ICE credentials after a restart). */
    WebRtcTransport ours() {
        return ours;
    }

    AgreedMedia agreed() {
        return agreed;
    }

    boolean pending() {
        return pending != null;
    }

    /** Whether the pending offer went to {@code leg}. */
    boolean awaitsAnswerFrom(Leg leg) {
        return pending != null && pending.from() != leg;
    }

    void abandon() {
        pending = null;
    }

    /** A leg's offer; the caller has checked that nothing is pending. */
    Negotiated<Step> offer(Leg from, SessionDescription sdp) {
        return from == Leg.DEVICE ? deviceOffer(sdp) : pbxOffer(sdp);
    }

    /** The other leg's answer to the pending offer; the caller has checked it is pending and from whom. */
    Negotiated<Step> answer(SessionDescription sdp) {
        Pending offer = pending;
        if (offer.from() == Leg.DEVICE) {
            Negotiated<PbxTerms> read = MidCall.readPbxAnswer(sdp, agreed);
            if (!(read instanceof Negotiated.Agreed<PbxTerms>(PbxTerms pbx))) {
                return rejected(read);
            }
            pending = null;
            return new Negotiated.Agreed<>(answerDevice(offer.device().orElseThrow(), pbx, offer.restart()));
        }
        Negotiated<DeviceTerms> read = MidCall.readDevice(sdp, agreed);
        if (!(read instanceof Negotiated.Agreed<DeviceTerms>(DeviceTerms device))) {
            return rejected(read);
        }
        pending = null;
        return new Negotiated.Agreed<>(answerPbx(offer.pbx().orElseThrow(), device));
    }

    private Negotiated<Step> deviceOffer(SessionDescription sdp) {
        Negotiated<DeviceTerms> read = MidCall.readDevice(sdp, agreed);
        if (!(read instanceof Negotiated.Agreed<DeviceTerms>(DeviceTerms device))) {
            return rejected(read);
        }
        // RFC 8839 §4.4.1.1.1: new ufrag/pwd in an offer is an ICE restart; the answerer changes its own too
        boolean restart = !device.iceUfrag().equals(agreed.deviceIceUfrag())
                || !device.icePwd().equals(agreed.deviceIcePwd());
        Optional<IceCredentials> fresh = restart ? Optional.of(freshCredentials.get()) : Optional.empty();
        if (device.direction() == deviceDirection) {
            return new Negotiated.Agreed<>(answerDevice(device, currentPbx(), fresh));
        }
        pending = new Pending(Leg.DEVICE, Optional.of(device), Optional.empty(), fresh);
        // toward the PBX we send what the device sends and receive what it wants to hear
        return new Negotiated.Agreed<>(new Step(Leg.PBX, false, MidCall.toPbx(Optional.empty(), agreed,
                device.direction(), host(), ourPbxAddress.getPort(), sdpSessionId, ++pbxVersion).encode(),
                Optional.empty()));
    }

    private Negotiated<Step> pbxOffer(SessionDescription sdp) {
        Negotiated<PbxOfferTerms> read = MidCall.readPbxOffer(sdp, agreed);
        if (!(read instanceof Negotiated.Agreed<PbxOfferTerms>(PbxOfferTerms pbx))) {
            return rejected(read);
        }
        if (pbx.direction() == pbxDirection) {
            return new Negotiated.Agreed<>(answerPbx(pbx, currentDevice()));
        }
        pending = new Pending(Leg.PBX, Optional.empty(), Optional.of(pbx), Optional.empty());
        return new Negotiated.Agreed<>(new Step(Leg.DEVICE, false, MidCall.toDevice(ours, agreed, deviceMid,
                pbx.direction(), sdpSessionId, ++deviceVersion).encode(), Optional.empty()));
    }

    /** Both legs' terms are known and the device gets the answer. */
    private Step answerDevice(DeviceTerms device, PbxTerms pbx, Optional<IceCredentials> restart) {
        boolean moved = commitPbx(pbx);
        agreed = withDevice(agreed, device);
        deviceDirection = device.direction();
        deviceMid = device.mid();
        restart.ifPresent(local -> ours = new WebRtcTransport(ours.address(), ours.port(), local.ufrag(),
                local.pwd(), ours.candidates(), ours.fingerprint()));
        Direction toDevice = Direction.of(pbx.direction().sends() && device.direction().receives(),
                device.direction().sends() && pbx.direction().receives());
        String sdp = MidCall.toDevice(ours, agreed, deviceMid, toDevice, sdpSessionId, ++deviceVersion).encode();
        return new Step(Leg.DEVICE, true, sdp, Optional.of(update(restart, moved)));
    }

    /** Both legs' terms are known and the PBX gets the answer to its offer. */
    private Step answerPbx(PbxOfferTerms offer, DeviceTerms device) {
        boolean moved = commitPbx(MidCall.pbxTerms(offer));
        agreed = withDevice(agreed, device);
        deviceDirection = device.direction();
        Direction toPbx = Direction.of(device.direction().sends() && offer.direction().receives(),
                offer.direction().sends() && device.direction().receives());
        String sdp = MidCall.toPbx(Optional.of(offer), agreed, toPbx, host(), ourPbxAddress.getPort(), sdpSessionId,
                ++pbxVersion).encode();
        return new Step(Leg.PBX, true, sdp, Optional.of(update(Optional.empty(), moved)));
    }

    /** Takes the PBX's new terms; whether its address or ports changed. */
    private boolean commitPbx(PbxTerms pbx) {
        boolean moved = !pbx.address().equals(agreed.pbxAddress()) || pbx.rtpPort() != agreed.pbxRtpPort()
                || pbx.rtcpPort() != agreed.pbxRtcpPort();
        AgreedMedia a = agreed;
        agreed = new AgreedMedia(a.mode(), a.pbxCodec(), a.pbxTelephoneEvent(), a.deviceCodec(),
                a.deviceTelephoneEvent(), a.deviceIceUfrag(), a.deviceIcePwd(), a.deviceCandidates(),
                a.deviceFingerprint(), a.weAreDtlsClient(), a.pbxSrtp(), pbx.address(), pbx.rtpPort(), pbx.rtcpPort());
        pbxDirection = pbx.direction();
        return moved;
    }

    private MediaUpdate update(Optional<IceCredentials> restart, boolean pbxMoved) {
        return new MediaUpdate(agreed, pbxDirection, deviceDirection, restart, pbxMoved);
    }

    private PbxTerms currentPbx() {
        return new PbxTerms(agreed.pbxAddress(), agreed.pbxRtpPort(), agreed.pbxRtcpPort(), pbxDirection);
    }

    private DeviceTerms currentDevice() {
        return new DeviceTerms(agreed.deviceIceUfrag(), agreed.deviceIcePwd(), agreed.deviceCandidates(), deviceMid,
                deviceDirection);
    }

    private String host() {
        return ourPbxAddress.getAddress().getHostAddress();
    }

    private static AgreedMedia withDevice(AgreedMedia a, DeviceTerms device) {
        return new AgreedMedia(a.mode(), a.pbxCodec(), a.pbxTelephoneEvent(), a.deviceCodec(), a.deviceTelephoneEvent(),
                device.iceUfrag(), device.icePwd(), device.candidates(), a.deviceFingerprint(), a.weAreDtlsClient(),
                a.pbxSrtp(), a.pbxAddress(), a.pbxRtpPort(), a.pbxRtcpPort());
    }

    private static <T> Negotiated<Step> rejected(Negotiated<T> refused) {
        Negotiated.Rejected<T> r = (Negotiated.Rejected<T>) refused;
        return new Negotiated.Rejected<>(r.leg(), r.sipStatus(), r.reason());
    }
}
