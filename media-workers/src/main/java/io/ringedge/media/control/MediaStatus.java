package io.ringedge.media.control;

/**
 * A session's media at a moment: its state ({@code offered}, {@code answered}, {@code connected},
 * {@code failed}), the failure ({@code <cause>: <detail>}, null unless failed), each leg's
 * counters, and where the PBX's RTP really comes from (null until latched).
 */
public record MediaStatus(String state, String failure, SessionStats.Media pbx, SessionStats.Media device,
                          String pbxLatchedAddress) {
}
