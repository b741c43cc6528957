package io.ringedge.testkit.sip;

/** A SIP message could not be parsed; the message says what is wrong and where. */
public final class SipParseException extends RuntimeException {

    public SipParseException(String message) {
        super(message);
    }
}
