package io.ringedge.media.control;

import io.ringedge.media.sdp.Leg;

/** What applying a device's answer came to. Every case is an expected answer. */
public sealed interface AnswerOutcome {

    record Answered(SessionAnswered answer) implements AnswerOutcome {
    }

    record BadSdp(String reason) implements AnswerOutcome {
    }

    record NotAcceptable(Leg leg, int sipStatus, String reason) implements AnswerOutcome {
    }

    record UnknownSession(String sessionId) implements AnswerOutcome {
    }

    /** The session already has an answer; a changed answer is a re-INVITE, not a retry. */
    record AlreadyAnswered(String sessionId) implements AnswerOutcome {
    }
}
