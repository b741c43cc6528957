package io.ringedge.bench.media;

import io.ringedge.media.BoundPorts;
import io.ringedge.media.MediaConfig;
import io.ringedge.media.UdpPortAllocator;
import io.ringedge.media.control.ControlResult;
import io.ringedge.media.control.MediaControlClient;
import io.ringedge.media.control.SessionAnswered;
import io.ringedge.media.control.SessionCreated;
import io.ringedge.media.dtls.DtlsCertificate;
import io.ringedge.media.loop.MediaLoop;
import io.ringedge.media.loop.MediaLoops;
import io.ringedge.media.sdp.SdpParseResult;
import io.ringedge.media.sdp.SdpParser;
import io.ringedge.media.sdp.SessionDescription;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load generator: opens calls through the worker's control API exactly as an edge does
 * (create from the PBX's offer, answer with the device's), connects both ends, and keeps them
 * talking until closed. The calls are spread over a few media loops ({@code media.io-threads} of
 * the generator's config), the worker's own machinery, each call sending on its own 20 ms phase.
 */
final class MediaLoad implements AutoCloseable {
    /** Set-ups in flight at once: each holds a DTLS handshake on both sides. */
    private static final int PARALLEL_SETUPS = 16;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Counters as they stand; two of them make a measurement window. */
    record Counters(long nanos, int calls, long atPbx, long lateAtPbx, long expectedAtPbx, long atDevice,
                    long lateAtDevice, long expectedAtDevice, long skippedFrames, long[] latency, long[] lag) {
    }

    private final URI worker;
    private final boolean transcoded;
    private final MediaConfig peerConfig;
    private final UdpPortAllocator devicePorts;
    private final MediaControlClient client = new MediaControlClient(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final BenchFrames frames = new BenchFrames();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram lag = new LatencyHistogram();
    private final MediaLoops loops;
    private final long epoch = System.nanoTime();
    private final List<BenchCall> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final long lateNanos;

    /** @param peerConfig the generator's own transport settings: its device port range, ICE and DTLS timers */
    MediaLoad(URI worker, boolean transcoded, MediaConfig peerConfig, Duration lateBeyond) {
        this.worker = worker;
        this.transcoded = transcoded;
        this.peerConfig = peerConfig;
        this.devicePorts = new UdpPortAllocator(peerConfig.bindAddress(), peerConfig.devicePortRange(), 1);
        this.loops = new MediaLoops(peerConfig.ioThreads(), "bench-io");
        this.lateNanos = lateBeyond.toNanos();
    }

    /** Opens calls at {@code perSecond} until {@code target} are up (or failed); waits for the last. */
    void rampTo(int target, int perSecond) throws InterruptedException {
        int toOpen = target - calls.size();
        Semaphore inFlight = new Semaphore(PARALLEL_SETUPS);
        long start = System.nanoTime();
        try (ExecutorService setups = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < toOpen; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                inFlight.acquire();
                int n = opened.incrementAndGet();
                setups.submit(() -> {
                    try {
                        open(n);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private void open(int n) {
        BoundPorts port = devicePorts.allocate().orElse(null);
        if (port == null) {
            fail("no free port in the generator's device range " + devicePorts.range());
            return;
        }
        BenchCall call;
        MediaLoop loop = loops.pin();
        try {
            call = new BenchCall(peerConfig, loop, port, certificate, transcoded, frames, lateNanos, latency, lag);
        } catch (IOException e) {
            loop.unpin();
            port.close();
            fail("PBX sockets: " + e);
            return;
        }
        String sessionId = null;
        try {
            SessionCreated created = ok(client.createSession(worker, "bench-" + n, call.pbxOffer()).get());
            sessionId = created.sessionId();
            SessionAnswered answered = ok(client.answer(worker, sessionId, call.deviceAnswer()).get());
            int workerPbxPort = parse(answered.pbxAnswer()).media().get(0).port();
            call.start(sessionId, parse(created.deviceOffer()), workerPbxPort)
                    .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            call.startFrames(epoch, n % BenchCall.SLOTS);
            calls.add(call);
        } catch (Exception e) {
            fail("call " + n + ": " + e);
            call.close();
            if (sessionId != null) {
                client.delete(worker, sessionId).join();
            }
        }
    }

    private void fail(String why) {
        failures.incrementAndGet();
        lastFailure.set(why);
    }

    int calls() {
        return calls.size();
    }

    /** Calls that set up but whose device leg has since ended: their frames stop, and count as missing. */
    long brokenCalls() {
        return calls.stream().filter(BenchCall::broken).count();
    }

    int failures() {
        return failures.get();
    }

    String lastFailure() {
        return lastFailure.get();
    }

    /** The worker's own view of the first call, for the run's log: its counters, RTT and MOS per leg. */
    String sampleStats() {
        if (calls.isEmpty()) {
            return "no call";
        }
        return client.stats(worker, calls.get(0).sessionId()).join() + "; generator's transport: "
                + calls.get(0).transportCounters();
    }

    Counters counters() {
        long atPbx = 0;
        long lateAtPbx = 0;
        long expectedAtPbx = 0;
        long atDevice = 0;
        long lateAtDevice = 0;
        long expectedAtDevice = 0;
        long skipped = 0;
        for (BenchCall call : calls) {
            skipped += call.skippedFrames();
            // expected first: a packet counted in between then shows as received, never as missing
            expectedAtPbx += call.atPbx().expected();
            atPbx += call.atPbx().received();
            lateAtPbx += call.atPbx().late();
            expectedAtDevice += call.atDevice().expected();
            atDevice += call.atDevice().received();
            lateAtDevice += call.atDevice().late();
        }
        return new Counters(System.nanoTime(), calls.size(), atPbx, lateAtPbx, expectedAtPbx, atDevice, lateAtDevice,
                expectedAtDevice, skipped, latency.snapshot(), lag.snapshot());
    }

    private static <T> T ok(ControlResult<T> result) throws IOException {
        return switch (result) {
            case ControlResult.Ok<T> ok -> ok.value();
            case ControlResult.Refused<T> refused -> throw new IOException("worker refused: " + refused.httpStatus()
                    + " " + refused.error());
            case ControlResult.Unreachable<T> unreachable -> throw new IOException("worker unreachable: "
                    + unreachable.reason());
        };
    }

    private static SessionDescription parse(String sdp) throws IOException {
        return switch (SdpParser.parse(sdp)) {
            case SdpParseResult.Parsed parsed -> parsed.description();
            case SdpParseResult.Invalid invalid -> throw new IOException("worker's SDP: " + invalid.reason());
        };
    }

    /** Deletes every session on the worker and closes every call (which stops its frames), then the loops. */
    @Override
    public void close() {
        try (ExecutorService closing = Executors.newVirtualThreadPerTaskExecutor()) {
            for (BenchCall call : calls) {
                closing.submit(() -> {
                    client.delete(worker, call.sessionId()).join();
                    call.close();
                });
            }
        }
        client.close();
        loops.close();
    }
}
