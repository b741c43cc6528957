package io.ringedge.events;

/**
 * The call is over, answered or not. The last event of every call.
 *
 * @param cause         why it ended
 * @param sipStatus     final status the PBX saw for its INVITE (200 if answered)
 * @param setupMillis   INVITE received to final response sent
 * @param talkMillis    answer to end; 0 when never answered
 */
public record CallEnded(String callId, EndCause cause, int sipStatus, long setupMillis, long talkMillis)
        implements CallEvent {

    public enum EndCause {
        /** the PBX side sent BYE */
        CALLER_HANGUP,
        /** the device sent BYE */
        CALLEE_HANGUP,
        /** the caller sent CANCEL before answer */
        CALLER_CANCELLED,
        /** every device answered busy (486) */
        BUSY,
        /** every device declined (603) */
        DECLINED,
        /** no device answered within the ring timeout (480) */
        NO_ANSWER,
        /** the user has no device that can be reached (480) */
        NO_DEVICES,
        /** every fork failed for another reason */
        FAILED
    }
}
