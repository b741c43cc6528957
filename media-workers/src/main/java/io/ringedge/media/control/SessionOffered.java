package io.ringedge.media.control;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The worker's reply to a mid-call offer: the SDP to send to the leg {@code sendTo} ({@code pbx} or
 * {@code device}), which is an {@code answer} to the offering leg when the change stayed on that
 * leg (an ICE restart, a session refresh) or an {@code offer} for the other leg when it must hear
 * of it (hold, resume); then the other leg's answer goes to {@code POST .../offer/answer}.
 */
public record SessionOffered(String sendTo, String type, String sdp) {

    public static final String ANSWER = "answer";
    public static final String OFFER = "offer";

    /** Not a field of the JSON: {@code type} says it. */
    @JsonIgnore
    public boolean isAnswer() {
        return ANSWER.equals(type);
    }
}
