package io.ringedge.testkit.sipp;

/** The PBX side transports SIPp plays, with one socket for all calls (SIPp's {@code -t u1 / t1}). */
public enum SippTransport {
    UDP("u1"),
    TCP("t1");

    private final String mode;

    SippTransport(String mode) {
        this.mode = mode;
    }

    /** The value of SIPp's {@code -t} option. */
    public String mode() {
        return mode;
    }
}
