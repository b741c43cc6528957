package io.ringedge.testkit;

import io.ringedge.testkit.internal.DeviceCore;
import io.ringedge.testkit.internal.Ids;
import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A SIP user agent over a real WebSocket (RFC 7118), standing in for a browser or phone in tests.
 * It shares no code with the edge: JDK WebSocket client, our own SIP parser. Registers with a bearer
 * token (RFC 8898), answers incoming INVITEs as its {@link CallBehaviour} says, hangs up, and records
 * every frame so tests can assert on what the edge sent. Thread-safe; {@link #close()} leaves no
 * thread behind.
 *
 * <pre>{@code
 * try (TestDevice phone = TestDevice.connect(DeviceSettings.of(uri, "alice", "acme.example", jwt))) {
 *     assertEquals(200, phone.register().status());
 *     phone.onInvite(CallBehaviour.answer(Duration.ofMillis(200)));
 *     DeviceCall call = phone.awaitCall(Duration.ofSeconds(5));
 *     call.awaitState(CallState.CONFIRMED, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class TestDevice implements AutoCloseable {

    private final DeviceCore core;
    /** RFC 3261 section 10.2: one Call-ID and one From tag for all of a UA's registrations */
    private final String registrationCallId = Ids.callId();
    private final String registrationTag = Ids.tag();
    private final AtomicLong registrationSeq = new AtomicLong(Ids.firstCSeq());

    TestDevice(DeviceCore core) {
        this.core = core;
    }

    /** Opens the WebSocket (subprotocol "sip" required). Throws if it cannot within the settings' timeout. */
    public static TestDevice connect(DeviceSettings settings) throws IOException {
        return new TestDevice(DeviceCore.connect(settings));
    }

    public DeviceSettings settings() {
        return core.settings();
    }

    public String contactUri() {
        return core.contactUri();
    }

    /** The Contact header value this device registers: URI, then {@code +sip.instance} if set. */
    public String contact() {
        String instance = settings().instanceId();
        return "<" + core.contactUri() + ">" + (instance == null ? "" : ";+sip.instance=\"<" + instance + ">\"");
    }

    /** Sets what happens to the next incoming INVITEs (default: ring forever). */
    public TestDevice onInvite(CallBehaviour behaviour) {
        core.behaviour(behaviour);
        return this;
    }

    /**
     * A REGISTER as this device sends it (RFC 3261 section 10.2), with the next CSeq. Tests of bad
     * input change it ({@link SipRequest#without}, {@link SipRequest#replacing}) and {@link #send} it.
     */
    public SipRequest registerRequest(int expires) {
        DeviceSettings s = settings();
        String aor = "<sip:" + s.user() + "@" + s.domain() + ">";
        SipRequest register = new SipRequest("REGISTER", "sip:" + s.domain())
                .with("Via", core.newVia())
                .with("Max-Forwards", "70")
                .with("To", aor)
                .with("From", aor + ";tag=" + registrationTag)
                .with("Call-ID", registrationCallId)
                .with("CSeq", registrationSeq.incrementAndGet() + " REGISTER")
                .with("Contact", contact())
                .with("Expires", Integer.toString(expires));
        if (s.bearerToken() != null) {
            register = register.with("Authorization", "Bearer " + s.bearerToken());
        }
        return register.with("User-Agent", "Ringedge-TestKit");
    }

    /** REGISTER (or re-REGISTER) for the configured expiry; returns the final response, whatever it is. */
    public SipResponse register() {
        return send(registerRequest(settings().expires()));
    }

    /** REGISTER with {@code Expires: 0}: removes this device's binding (RFC 3261 section 10.2.2). */
    public SipResponse unregister() {
        return send(registerRequest(0));
    }

    /** Sends a request as UAC and waits for its final response (settings' timeout). */
    public SipResponse send(SipRequest request) {
        try {
            return core.request(request).get(settings().timeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the response to " + request.startLine(), e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new AssertionError("no final response to " + request.startLine() + ": " + cause.getMessage()
                    + "; messages:\n" + core.log().describe(), cause);
        }
    }

    /** Sends any text as one WebSocket text frame, SIP or garbage. */
    public void sendRaw(String text) {
        core.sendRaw(text);
    }

    /** Calls received (a device created {@linkplain DeviceSettings#withoutRecording() without recording} keeps only those in progress). */
    public List<DeviceCall> calls() {
        return core.calls();
    }

    /** How many INVITEs started a call here, including calls no longer kept. */
    public long callCount() {
        return core.callCount();
    }

    public DeviceCall awaitCall(Duration timeout) {
        return core.awaitCall(1, timeout);
    }

    /** The {@code nth} (1-based) incoming call. */
    public DeviceCall awaitCall(int nth, Duration timeout) {
        return core.awaitCall(nth, timeout);
    }

    public SipRequest awaitRequest(String method, Duration timeout) {
        return awaitRequest(method, 1, timeout);
    }

    /** The {@code nth} (1-based) request of that method this device received. */
    public SipRequest awaitRequest(String method, int nth, Duration timeout) {
        return (SipRequest) core.log().awaitNth(m -> m.direction() == RecordedMessage.Direction.RECEIVED
                && m.isRequest(method), nth, timeout, "a received " + method).message();
    }

    /** The first received response with this status (e.g. a 400 for a raw garbage REGISTER). */
    public SipResponse awaitResponse(int status, Duration timeout) {
        return (SipResponse) core.log().awaitNth(m -> m.direction() == RecordedMessage.Direction.RECEIVED
                && m.isResponse(status), 1, timeout, "a received " + status + " response").message();
    }

    /** The first received frame matching {@code filter}, parsed or not. */
    public RecordedMessage awaitReceived(Predicate<RecordedMessage> filter, Duration timeout, String what) {
        return core.log().awaitNth(m -> m.direction() == RecordedMessage.Direction.RECEIVED && filter.test(m),
                1, timeout, what);
    }

    /** Every frame sent and received so far, a line each, for failure messages. */
    public String describeMessages() {
        return core.log().describe();
    }

    /** Every frame sent and received so far, in order. */
    public List<RecordedMessage> messages() {
        return core.log().snapshot();
    }

    public Optional<SipRequest> lastInvite() {
        List<RecordedMessage> all = messages();
        for (int i = all.size() - 1; i >= 0; i--) {
            RecordedMessage m = all.get(i);
            if (m.direction() == RecordedMessage.Direction.RECEIVED && m.isRequest("INVITE")) {
                return Optional.of((SipRequest) m.message());
            }
        }
        return Optional.empty();
    }

    /** All received messages, parsed, for assertions over the whole exchange. */
    public List<SipMessage> received() {
        return messages().stream().filter(m -> m.direction() == RecordedMessage.Direction.RECEIVED)
                .flatMap(m -> m.sip().stream()).toList();
    }

    public boolean isOpen() {
        return core.isOpen();
    }

    /** Waits for the server to close the WebSocket; returns the close status code. */
    public int awaitClosed(Duration timeout) {
        try {
            return core.closed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("WebSocket still open after " + timeout.toMillis() + " ms", e);
        }
    }

    /** Closes the WebSocket (closing handshake) and stops this device's threads. */
    @Override
    public void close() {
        core.close();
    }
}
