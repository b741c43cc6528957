package io.ringedge.testkit.internal;

import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.RecordedMessage;
import io.ringedge.testkit.RecordedMessage.Direction;
import io.ringedge.testkit.sip.SipMessage;
import io.ringedge.testkit.sip.SipParseException;
import io.ringedge.testkit.sip.SipParser;
import io.ringedge.testkit.sip.SipRequest;
import io.ringedge.testkit.sip.SipResponse;
import io.ringedge.testkit.sip.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The machinery behind a test device: one WebSocket, one SIP thread that owns every call's state
 * (so call logic needs no locks), the client transactions, and the log of every frame.
 */
public final class DeviceCore implements AutoCloseable {

    static final String USER_AGENT = "Ringedge-TestKit";
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCore.class);
    private static final AtomicInteger DEVICES = new AtomicInteger();

    private final DeviceSettings settings;
    private final MessageLog log;
    private final DeviceResources resources;
    private final boolean ownsResources;
    private final ScheduledExecutorService sipThread;
    private final ClientTransactions transactions;
    private final List<UasCall> calls = new ArrayList<>();
    private long callCount;
    private final String viaHost = Ids.token(12) + ".invalid";
    private final String contactUri;
    private final String peerAddress;
    private volatile CallBehaviour behaviour = CallBehaviour.ringForever();
    private volatile WsSipConnection connection;

    private DeviceCore(DeviceSettings settings, String peerAddress, DeviceResources resources, boolean ownsResources) {
        this.settings = settings;
        this.peerAddress = peerAddress;
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.sipThread = resources.sipThread();
        this.transactions = new ClientTransactions(sipThread);
        this.log = new MessageLog(settings.recordMessages());
        StringBuilder contact = new StringBuilder("sip:" + Ids.token(8) + "@" + viaHost + ";transport=ws");
        settings.contactUriParams().forEach((k, v) -> contact.append(';').append(k).append(v.isEmpty() ? "" : "=" + v));
        this.contactUri = contact.toString();
    }

    /** A device with its own threads, stopped by {@link #close()}. */
    public static DeviceCore connect(DeviceSettings settings) throws IOException {
        DeviceResources own = DeviceResources.create("testdevice-" + settings.user() + "-" + DEVICES.incrementAndGet(),
                settings.timeout(), settings.sslContext());
        try {
            return connect(settings, own, true);
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** A device on shared threads (a fleet); {@link #close()} leaves them running. */
    public static DeviceCore connect(DeviceSettings settings, DeviceResources shared) throws IOException {
        return connect(settings, shared, false);
    }

    private static DeviceCore connect(DeviceSettings settings, DeviceResources resources, boolean owns)
            throws IOException {
        String peer = InetAddress.getByName(settings.server().getHost()).getHostAddress();
        DeviceCore core = new DeviceCore(settings, peer, resources, owns);
        core.connection = WsSipConnection.open(resources.client(), settings.server(), settings.timeout(), core::onFrame);
        // a request waiting when the server goes away fails now, not at its timeout
        core.connection.closed().thenAccept(code -> core.transactions.failAll(
                new IOException("WebSocket closed (" + code + ") before a final response")));
        return core;
    }

    public DeviceSettings settings() {
        return settings;
    }

    public MessageLog log() {
        return log;
    }

    /** {@code sip:<random>@<random>.invalid;transport=ws} plus the configured URI parameters (RFC 7118 section 5.2). */
    public String contactUri() {
        return contactUri;
    }

    public void behaviour(CallBehaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    /** A fresh top Via for a request this device originates (RFC 7118 section 5.2: WS/WSS, .invalid host). */
    public String newVia() {
        return "SIP/2.0/" + settings.viaTransport() + " " + viaHost + ";branch=" + Ids.branch();
    }

    public void transmit(SipMessage message) {
        sendText(message.encode(), message);
    }

    /** Sends any text as one frame, SIP or not (bad-input tests). Recorded, parsed if it parses. */
    public void sendRaw(String text) {
        SipMessage parsed;
        try {
            parsed = SipParser.parse(text);
        } catch (SipParseException e) {
            parsed = null;
        }
        sendText(text, parsed);
    }

    private void sendText(String text, SipMessage parsed) {
        log.add(new RecordedMessage(Instant.now(), Direction.SENT, text, parsed));
        try {
            connection.send(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request as UAC; the future completes with its final response or fails on timeout. */
    public CompletableFuture<SipResponse> request(SipRequest request) {
        CompletableFuture<SipResponse> response = transactions.start(request, settings.timeout());
        try {
            transmit(request);
        } catch (UncheckedIOException e) {
            response.completeExceptionally(e.getCause());
        }
        return response;
    }

    ScheduledFuture<?> later(Duration delay, Runnable task) {
        return sipThread.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the SIP thread and waits for its result; its exceptions are rethrown here. */
    <T> T onSipThread(Callable<T> task) {
        try {
            return sipThread.submit(task).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("SIP thread busy for " + settings.timeout().toMillis() + " ms", e);
        }
    }

    void onSipThread(Runnable task) {
        onSipThread(() -> {
            task.run();
            return null;
        });
    }

    public synchronized List<DeviceCall> calls() {
        return List.copyOf(calls);
    }

    /** Waits for the {@code nth} (1-based) incoming call. */
    public synchronized DeviceCall awaitCall(int nth, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.size() < nth) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for call #" + nth
                        + " at " + settings.user() + " (has " + calls.size() + "); messages:\n" + log.describe());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for a call", e);
            }
        }
        return calls.get(nth - 1);
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    public CompletableFuture<Integer> closed() {
        return connection.closed();
    }

    // ---- incoming, on the WebSocket thread then the SIP thread ----

    private void onFrame(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c == '\r' || c == '\n')) {
            // RFC 5626 section 4.4.1: a CRLF CRLF ping is answered with a CRLF pong
            log.add(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, null));
            if (text.equals("\r\n\r\n")) {
                executeOnSipThread(() -> sendRaw("\r\n"));
            }
            return;
        }
        SipMessage message;
        try {
            message = SipParser.parse(text);
        } catch (SipParseException e) {
            // nothing to answer: without a parsed Via there is nowhere to send a 400
            LOG.warn("{}: unparseable frame from the server: {}", settings.user(), e.getMessage());
            log.add(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, null));
            return;
        }
        log.add(new RecordedMessage(Instant.now(), Direction.RECEIVED, text, message));
        executeOnSipThread(() -> dispatch(message));
    }

    private void executeOnSipThread(Runnable task) {
        try {
            sipThread.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: closing, dropped an incoming frame", settings.user());
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: error on the SIP thread", settings.user(), e);
            }
        };
    }

    private void dispatch(SipMessage message) {
        switch (message) {
            case SipResponse response -> {
                if (!transactions.onResponse(response)) {
                    LOG.info("{}: response matches no pending request: {}", settings.user(), response.startLine());
                }
            }
            case SipRequest request -> new RequestDispatch(this).handle(request);
        }
    }

    synchronized Optional<UasCall> findCall(Predicate<UasCall> filter) {
        return calls.stream().filter(filter).findFirst();
    }

    synchronized void addCall(UasCall call) {
        calls.add(call);
        callCount++;
        notifyAll();
    }

    /** A load device forgets a call once it is over; a recording one keeps it for assertions. */
    synchronized void callFinished(UasCall call) {
        if (!settings.recordMessages()) {
            calls.remove(call);
        }
    }

    /** Incoming calls so far, including forgotten ones. */
    public synchronized long callCount() {
        return callCount;
    }

    CallBehaviour behaviour() {
        return behaviour;
    }

    /**
     * RFC 3261 section 18.2.1: a server adds {@code received} to the top Via when its host is not
     * the address the request came from; responses are built from the result.
     */
    SipRequest withReceived(SipRequest request) {
        List<String> vias = new ArrayList<>(request.values("Via"));
        Via top = Via.parse(vias.getFirst());
        if (top.host().equals(peerAddress)) {
            return request;
        }
        vias.set(0, top.withParam("received", peerAddress).toString());
        return new SipRequest(request.method(), request.uri(), request.headers().replacing("Via", vias), request.body());
    }

    @Override
    public void close() {
        synchronized (this) {
            calls.forEach(UasCall::closeMedia);
        }
        connection.close();
        transactions.failAll(new IOException("test device closed"));
        if (ownsResources) {
            resources.close();
        }
    }
}
