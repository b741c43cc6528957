package io.ringedge.testkit.internal;

import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.sip.NameAddress;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import io.ringedge.testkit.media.WebRtcDevicePeer;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An incoming INVITE and the dialog it creates, UAS side (RFC 3261 sections 12.1.1, 13.3, 15).
 * Every mutation runs on the device's SIP thread; readers on other threads see the volatile state
 * and wait on this object's monitor.
 */
final class UasCall implements DeviceCall {

    /** RFC 3261 section 17.1.1.1 timer defaults. */
    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;

    private final DeviceCore core;
    private final SipRequest invite;
    /** the INVITE with our Via received parameter: what responses are built from */
    private final SipRequest answerable;
    private final Instant receivedAt = Instant.now();
    private final String localTag = Ids.tag();
    private final String remoteTarget;
    private final List<String> routeSet;
    private final Set<CallState> reached = EnumSet.noneOf(CallState.class);
    private Duration hangUpAfterAck;
    private volatile CallState state = CallState.TRYING;
    private volatile int finalStatus;
    private long localSeq = Ids.firstCSeq();
    private SipResponse lastResponse;
    private ScheduledFuture<?> okRetransmission;
    private volatile WebRtcDevicePeer media;

    UasCall(DeviceCore core, SipRequest invite, SipRequest answerable) {
        this.core = core;
        this.invite = invite;
        this.answerable = answerable;
        this.remoteTarget = NameAddress.parse(invite.values("Contact").getFirst()).uri();
        // RFC 3261 section 12.1.1: the UAS keeps the Record-Route values in the order received
        this.routeSet = List.copyOf(invite.values("Record-Route"));
        reached.add(CallState.TRYING);
    }

    // ---- SIP thread ----

    void start(CallBehaviour behaviour) {
        send(SipResponse.to(answerable, 100, null));
        switch (behaviour) {
            case CallBehaviour.Answer a -> {
                hangUpAfterAck = a.hangUpAfter();
                ring();
                core.later(a.after(), () -> answerWith(a.sdp()));
            }
            case CallBehaviour.Reject r -> {
                if (r.after().isZero()) {
                    rejectWith(r.status());
                } else {
                    ring();
                    core.later(r.after(), () -> rejectWith(r.status()));
                }
            }
            case CallBehaviour.Ring r -> ring();
        }
    }

    private void ring() {
        if (state == CallState.TRYING) {
            send(dialogResponse(180));
            moveTo(CallState.RINGING);
        }
    }

    private void answerWith(String sdp) {
        if (finalStatus != 0) {
            return; // cancelled or rejected meanwhile
        }
        String answer = sdp;
        if (answer == null && Sdp.isWebRtc(invite.body())) {
            // as a browser would: our own ICE + DTLS-SRTP peer answers the media worker's offer
            try {
                media = WebRtcDevicePeer.open(InetAddress.getLoopbackAddress(), Sdp.DEVICE_PORTS);
                answer = media.answer(invite.body());
            } catch (IllegalArgumentException | IllegalStateException e) {
                closeMedia();
                // RFC 3264 §6: an offer the device cannot answer; the Warning (RFC 3261 §20.43)
                // says why, for the test that reads this device's messages
                rejectWith(488, Optional.of("399 testdevice \"" + e.toString().replace('"', '\'') + "\""));
                return;
            }
        }
        SipResponse ok = dialogResponse(200).withBody("application/sdp",
                answer != null ? answer : Sdp.answerTo(invite.body()));
        finalStatus = 200;
        send(ok);
        moveTo(CallState.ANSWERED);
        retransmitOk(ok, T1_MILLIS, 0);
    }

    /**
     * RFC 3261 section 13.3.1.4: the UAS core retransmits 2xx until the ACK, on every transport,
     * doubling from T1 up to T2; with no ACK after 64*T1 it ends the dialog with BYE.
     */
    private void retransmitOk(SipResponse ok, long interval, long elapsed) {
        okRetransmission = core.later(Duration.ofMillis(interval), () -> {
            if (state != CallState.ANSWERED) {
                return;
            }
            long total = elapsed + interval;
            if (total >= 64 * T1_MILLIS) {
                core.request(bye());
                moveTo(CallState.TERMINATED);
                return;
            }
            send(ok);
            retransmitOk(ok, Math.min(interval * 2, T2_MILLIS), total);
        });
    }

    private void rejectWith(int status) {
        rejectWith(status, Optional.empty());
    }

    private void rejectWith(int status, Optional<String> warning) {
        if (finalStatus != 0) {
            return;
        }
        finalStatus = status;
        SipResponse response = dialogResponse(status);
        send(warning.map(w -> response.with("Warning", w)).orElse(response));
        moveTo(CallState.REJECTED);
    }

    void onInviteRetransmission() {
        if (lastResponse != null) {
            core.transmit(lastResponse);
        }
    }

    void onAck(SipRequest ack) {
        if (state == CallState.ANSWERED && ack.cseq().seq() == invite.cseq().seq()) {
            cancelRetransmission();
            moveTo(CallState.CONFIRMED);
            if (hangUpAfterAck != null) {
                core.later(hangUpAfterAck, this::hangUpOnSipThread);
            }
        }
        // the ACK for a non-2xx final response only ends the server transaction: nothing to do
    }

    /** RFC 3261 section 9.2: 200 for the CANCEL; 487 for the INVITE if it had no final response yet. */
    void onCancel(SipRequest cancel, SipRequest cancelAnswerable) {
        core.transmit(SipResponse.to(cancelAnswerable, 200, localTag));
        if (finalStatus == 0) {
            finalStatus = 487;
            send(dialogResponse(487));
            moveTo(CallState.CANCELLED);
        }
    }

    void onBye(SipRequest byeAnswerable) {
        core.transmit(SipResponse.to(byeAnswerable, 200, localTag));
        cancelRetransmission();
        moveTo(CallState.TERMINATED);
    }

    boolean matchesDialog(SipRequest request) {
        return request.callId().equals(callId())
                && request.to().tag().orElse("").equals(localTag)
                && request.from().tag().orElse("").equals(invite.from().tag().orElse(""));
    }

    /** RFC 3261 section 17.2.3: a CANCEL or ACK matches the INVITE transaction by branch and sent-by. */
    boolean matchesTransaction(SipRequest request) {
        return request.callId().equals(callId())
                && request.topVia().branch().equals(invite.topVia().branch())
                && request.topVia().host().equalsIgnoreCase(invite.topVia().host());
    }

    /** The automatic hang-up of {@link CallBehaviour.Answer#hangUpAfter()}: the response only goes to the log. */
    private void hangUpOnSipThread() {
        if (state == CallState.CONFIRMED) {
            core.request(bye());
            moveTo(CallState.TERMINATED);
        }
    }

    private SipResponse dialogResponse(int status) {
        SipResponse r = SipResponse.to(answerable, status, localTag);
        if (status < 300) {
            // RFC 3261 section 12.1.1: Record-Route copied into 1xx-with-tag and 2xx; Contact required
            for (String rr : answerable.headers().lines("Record-Route")) {
                r = r.with("Record-Route", rr);
            }
            r = r.with("Contact", "<" + core.contactUri() + ">");
        }
        return r;
    }

    private void send(SipResponse response) {
        lastResponse = response;
        core.transmit(response);
    }

    private void cancelRetransmission() {
        if (okRetransmission != null) {
            okRetransmission.cancel(false);
        }
    }

    /** RFC 3261 section 12.2.1.1 (request within a dialog), loose routing, strict as a fallback. */
    private SipRequest bye() {
        localSeq++;
        String requestUri = remoteTarget;
        List<String> routes = new ArrayList<>(routeSet);
        if (!routes.isEmpty() && !NameAddress.parse(routes.getFirst()).uriParams().containsKey("lr")) {
            requestUri = NameAddress.parse(routes.removeFirst()).uri();
            routes.add("<" + remoteTarget + ">");
        }
        SipRequest bye = new SipRequest("BYE", requestUri)
                .with("Via", core.newVia())
                .with("Max-Forwards", "70")
                .with("From", invite.to().withParam("tag", localTag).toString())
                .with("To", invite.require("From"))
                .with("Call-ID", callId())
                .with("CSeq", localSeq + " BYE");
        for (String route : routes) {
            bye = bye.with("Route", route);
        }
        return bye.with("User-Agent", DeviceCore.USER_AGENT);
    }

    private void moveTo(CallState next) {
        synchronized (this) {
            state = next;
            reached.add(next);
            notifyAll();
        }
        if (next.isFinal()) {
            closeMedia();
            core.callFinished(this);
        }
    }

    void closeMedia() {
        WebRtcDevicePeer peer = media;
        if (peer != null) {
            peer.close();
        }
    }

    // ---- any thread ----

    @Override
    public Optional<WebRtcDevicePeer> media() {
        return Optional.ofNullable(media);
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    @Override
    public Instant receivedAt() {
        return receivedAt;
    }

    @Override
    public String callId() {
        return invite.callId();
    }

    @Override
    public String localTag() {
        return localTag;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public OptionalInt finalStatus() {
        int s = finalStatus;
        return s == 0 ? OptionalInt.empty() : OptionalInt.of(s);
    }

    @Override
    public DeviceCall awaitState(CallState wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!reached.contains(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("call " + callId() + " did not reach " + wanted + " within "
                            + timeout.toMillis() + " ms; it is " + state + " (reached " + reached + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + wanted, e);
                }
            }
        }
        return this;
    }

    @Override
    public void answer() {
        core.onSipThread(() -> answerWith(null));
    }

    @Override
    public void reject(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection needs status 300..699, was " + status);
        }
        core.onSipThread(() -> rejectWith(status));
    }

    @Override
    public SipResponse hangUp(Duration timeout) {
        if (state == CallState.ANSWERED) {
            // RFC 3261 section 15: the callee must not send BYE before the ACK for its 2xx arrived
            awaitState(CallState.CONFIRMED, timeout);
        }
        var response = core.onSipThread(() -> {
            if (state != CallState.CONFIRMED) {
                throw new IllegalStateException("cannot hang up call " + callId() + " in state " + state);
            }
            cancelRetransmission();
            var future = core.request(bye());
            // RFC 3261 section 15.1.1: the session ends as soon as the BYE is sent
            moveTo(CallState.TERMINATED);
            return future;
        });
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the BYE response", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no final response to BYE for call " + callId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "DeviceCall[" + callId() + " " + state + "]";
    }
}
