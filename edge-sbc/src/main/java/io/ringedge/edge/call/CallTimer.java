package io.ringedge.edge.call;

/** Timers a call asks its adapter to run; one instance of each per call at most. */
public enum CallTimer {
    /** From the PBX's INVITE: no answer by then means 480 to the PBX. */
    RING,
    /**
     * From the 200 OK sent to the PBX until its ACK. RFC 3261 §13.3.1.4: a UAS that gets no ACK
     * within 64*T1 ends the dialog with a BYE.
     */
    ACK
}
