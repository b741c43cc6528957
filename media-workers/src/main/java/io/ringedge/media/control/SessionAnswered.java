package io.ringedge.media.control;

import io.ringedge.media.sdp.MediaMode;

/** The SDP answer to send to the PBX, and whether the worker passes audio through or transcodes. */
public record SessionAnswered(String pbxAnswer, MediaMode mode) {
}
