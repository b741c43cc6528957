package io.ringedge.media.sdp;

/** The two legs of an anchored call: toward the PBX (SIP) and toward the device (WebRTC). */
public enum Leg {
    PBX, DEVICE
}
