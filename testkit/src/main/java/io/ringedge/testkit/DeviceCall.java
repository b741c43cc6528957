package io.ringedge.testkit;

import io.ringedge.testkit.media.WebRtcDevicePeer;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** One incoming call at a test device. Safe to use from any thread. */
public interface DeviceCall {

    /** The INVITE exactly as the device received it (for topology-hiding and SDP assertions). */
    SipRequest invite();

    Instant receivedAt();

    String callId();

    /** The To tag the device chose for this dialog. */
    String localTag();

    CallState state();

    /** The final status the device sent for the INVITE, if any yet. */
    OptionalInt finalStatus();

    /** Blocks until the call reaches {@code wanted}, else throws an {@link AssertionError} saying where it is. */
    DeviceCall awaitState(CallState wanted, Duration timeout);

    /**
     * The device's WebRTC media once it answered a WebRTC offer (the media worker's) with the
     * default answer: real ICE + DTLS-SRTP toward the worker, sending and receiving RTP. Empty for
     * a plain offer, a test-supplied answer, or before the answer.
     */
    Optional<WebRtcDevicePeer> media();

    /** Answers now with 200 and the default SDP, if no final response was sent yet. */
    void answer();

    /** Sends a final {@code status} (300..699) now, if no final response was sent yet. */
    void reject(int status);

    /**
     * Hangs up an answered call: BYE within the dialog (Route set from Record-Route, next local
     * CSeq, tags swapped, RFC 3261 section 15.1.1), waits for and returns its final response.
     */
    SipResponse hangUp(Duration timeout);
}
