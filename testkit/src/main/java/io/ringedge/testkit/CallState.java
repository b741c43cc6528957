package io.ringedge.testkit;

/** Where an incoming call stands at the test device (the UAS side of RFC 3261 section 13.3). */
public enum CallState {
    /** INVITE received, 100 Trying sent */
    TRYING,
    /** 180 Ringing sent */
    RINGING,
    /** 200 OK sent, waiting for the ACK */
    ANSWERED,
    /** ACK for the 200 received: the dialog is confirmed */
    CONFIRMED,
    /** a final non-2xx response (486, 603 ...) was sent */
    REJECTED,
    /** the peer's CANCEL arrived before a final response; 487 sent */
    CANCELLED,
    /** BYE sent or received */
    TERMINATED;

    public boolean isFinal() {
        return this == REJECTED || this == CANCELLED || this == TERMINATED;
    }
}
