package io.ringedge.media.dtls;

import io.ringedge.media.dtls.internal.DtlsRecordQueue;
import io.ringedge.media.dtls.internal.LocalIdentity;
import io.ringedge.media.dtls.internal.SrtpNegotiation;
import io.ringedge.media.dtls.internal.SrtpTlsClient;
import io.ringedge.media.dtls.internal.SrtpTlsServer;
import io.ringedge.media.srtp.SrtpKeyingMaterial;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DTLS-SRTP association of one transport. The transport's media loop feeds it the datagrams its
 * demux classified as DTLS ({@link #receive}); BouncyCastle's blocking handshake runs on a virtual
 * thread of its own, so it can wait on its retransmission timers without holding the loop, which
 * serves many sessions. After the handshake that thread keeps reading, to answer a peer that retransmits its
 * last flight because ours was lost (RFC 6347 §4.2.4) and to notice close_notify.
 */
public final class DtlsEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);
    private static final BcTlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());
    private static final int DRAIN_WAIT_MILLIS = 1000;

    private final DtlsRole role;
    private final LocalIdentity identity;
    private final SrtpNegotiation negotiation;
    private final DtlsRecordQueue queue;
    private final DtlsCounters counters;
    private final int handshakeTimeoutMillis;
    private final CompletableFuture<DtlsOutcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<Void> peerClosed = new CompletableFuture<>();
    private Thread thread;
    /** Set by {@link #close()}; BouncyCastle closes the queue itself when it aborts, so that is no signal. */
    private volatile boolean closedLocally;
    private volatile DTLSTransport association;

    /**
     * @param remoteFingerprint from the peer's {@code a=fingerprint}; its certificate must match
     * @param output            sends our datagrams toward the peer; called from the handshake thread
     */
    public DtlsEndpoint(DtlsCertificate certificate, DtlsRole role, DtlsFingerprint remoteFingerprint, DtlsOutput output,
                        Duration handshakeTimeout, DtlsCounters counters) {
        this.role = role;
        this.identity = new LocalIdentity(CRYPTO, certificate.der(), certificate.privateKey());
        this.negotiation = new SrtpNegotiation(remoteFingerprint);
        this.counters = counters;
        this.queue = new DtlsRecordQueue(output, counters);
        this.handshakeTimeoutMillis = Math.toIntExact(handshakeTimeout.toMillis());
    }

    /** Starts the handshake; the client sends its ClientHello at once, the server waits for one. */
    public synchronized CompletableFuture<DtlsOutcome> start() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("dtls-" + role.name().toLowerCase()).start(this::run);
        }
        return outcome;
    }

    /** A DTLS datagram from the demux. Copies it; never blocks the media loop. */
    public void receive(byte[] buf, int offset, int length) {
        queue.offer(buf, offset, length);
    }

    /** The handshake's result; completes exactly once. */
    public CompletableFuture<DtlsOutcome> outcome() {
        return outcome;
    }

    /** Completes when the peer ends the association (close_notify or a fatal alert) after the handshake. */
    public CompletableFuture<Void> peerClosed() {
        return peerClosed;
    }

    public DtlsRole role() {
        return role;
    }

    @Override
    public void close() {
        closedLocally = true;
        DTLSTransport established = association;
        if (established != null) {
            try {
                established.close(); // close_notify (RFC 5246 §7.2.1): the peer ends its side at once
            } catch (IOException e) {
                LOG.debug("close_notify not sent: {}", e.toString());
            }
        }
        queue.close();
        finish(new DtlsOutcome.Failed(DtlsFailure.CLOSED, "closed before the handshake finished"));
    }

    private void run() {
        DTLSTransport transport;
        try {
            transport = role == DtlsRole.CLIENT
                    ? new DTLSClientProtocol().connect(new SrtpTlsClient(identity, negotiation, handshakeTimeoutMillis), queue)
                    : new DTLSServerProtocol().accept(new SrtpTlsServer(identity, negotiation, handshakeTimeoutMillis), queue);
        } catch (IOException | RuntimeException e) {
            finish(failure(e));
            return;
        }
        association = transport;
        finish(new DtlsOutcome.Established(role, negotiation.profile(), SrtpKeyingMaterial.fromDtlsExport(
                negotiation.profile(), negotiation.exported(), role == DtlsRole.CLIENT)));
        drain(transport);
    }

    private void drain(DTLSTransport transport) {
        byte[] buf = new byte[queue.getReceiveLimit()];
        try {
            while (!closedLocally) {
                // Application data is not expected (no data channels here); reading drives retransmission.
                long started = System.nanoTime();
                int n = transport.receive(buf, 0, buf.length, DRAIN_WAIT_MILLIS);
                if (n < 0 && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(DRAIN_WAIT_MILLIS / 2)) {
                    // A closed DTLSTransport answers -1 at once instead of waiting: the peer ended it.
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("DTLS association ended: {}", e.toString());
        } finally {
            if (!closedLocally) {
                peerClosed.complete(null);
            }
        }
    }

    /** Counts before completing, so whoever waits on the outcome sees the counters already updated. */
    private synchronized void finish(DtlsOutcome result) {
        if (outcome.isDone()) {
            return;
        }
        counters.countOutcome(result);
        if (result instanceof DtlsOutcome.Failed failed) {
            LOG.info("DTLS {} handshake failed: {} ({})", role, failed.cause(), failed.detail());
        }
        outcome.complete(result);
    }

    private DtlsOutcome.Failed failure(Exception e) {
        DtlsFailure cause;
        if (negotiation.fingerprintMismatch()) {
            cause = DtlsFailure.FINGERPRINT_MISMATCH;
        } else if (negotiation.noCommonProfile()) {
            cause = DtlsFailure.NO_COMMON_SRTP_PROFILE;
        } else if (closedLocally) {
            cause = DtlsFailure.CLOSED;
        } else if (e instanceof TlsFatalAlertReceived) {
            cause = DtlsFailure.ALERT_RECEIVED;
        } else if (e instanceof TlsTimeoutException) {
            cause = DtlsFailure.TIMEOUT;
        } else {
            cause = DtlsFailure.PROTOCOL_ERROR;
        }
        return new DtlsOutcome.Failed(cause, String.valueOf(e.getMessage()));
    }
}
