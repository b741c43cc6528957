package io.ringedge.media.sdp;

/** The WebRTC offer for the device, and the PBX's terms it was built from. */
public record DeviceOffer(SessionDescription sdp, PbxOfferTerms pbxTerms) {
}
