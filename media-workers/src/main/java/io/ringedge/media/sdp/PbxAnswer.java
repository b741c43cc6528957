package io.ringedge.media.sdp;

/** The SDP answer for the PBX, and what was agreed on both legs. */
public record PbxAnswer(SessionDescription sdp, AgreedMedia agreed) {
}
