package io.ringedge.media.dtls.internal;

import io.ringedge.media.dtls.DtlsCounters;
import io.ringedge.media.dtls.DtlsOutput;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport BouncyCastle runs DTLS over: a queue the transport's media loop fills with what
 * the RFC 7983 demux classified as DTLS, and a {@link DtlsOutput} back to the transport for what DTLS
 * sends. BouncyCastle keeps its retransmission timers by waiting in {@link #receive} (RFC 6347
 * §4.2.4), so no timer lives here.
 *
 * <p>Datagrams whose records are not well-formed DTLS are dropped and counted before they reach
 * BouncyCastle; records that arrive out of order are counted and passed on, since DTLS reorders
 * handshake messages itself (RFC 6347 §4.2.2) and its replay window drops duplicates.
 */
public final class DtlsRecordQueue implements DatagramTransport {
    /** Handshake flights are a handful of datagrams; more queued means nobody is reading. */
    private static final int CAPACITY = 64;
    /** RFC 6347 §4.1.1.1: DTLS must not be fragmented by IP; 1200 keeps clear of every path MTU ICE may pick. */
    private static final int MTU = 1200;
    private static final int RECORD_HEADER = 13;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final DtlsOutput output;
    private final DtlsCounters counters;
    private final long[] highestSequence = new long[2];
    private volatile boolean closed;

    public DtlsRecordQueue(DtlsOutput output, DtlsCounters counters) {
        this.output = output;
        this.counters = counters;
        Arrays.fill(highestSequence, -1);
    }

    /** Called by the media loop; copies, so the caller may reuse its buffer. Never blocks. */
    public void offer(byte[] buf, int offset, int length) {
        counters.countDatagram();
        if (closed) {
            return;
        }
        if (!wellFormed(buf, offset, length)) {
            counters.countMalformed();
            return;
        }
        if (!queue.offer(Arrays.copyOfRange(buf, offset, offset + length))) {
            counters.countOverflow();
        }
    }

    /**
     * RFC 6347 §4.1: every record in the datagram has a known content type, DTLS major version
     * 0xFE and a length that stays inside the datagram. Counts records that go backwards in
     * sequence within epoch 0 or 1 (the handshake's).
     */
    private boolean wellFormed(byte[] buf, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < RECORD_HEADER) {
                return false;
            }
            int contentType = buf[at] & 0xFF;
            if (contentType < 20 || contentType > 25 || (buf[at + 1] & 0xFF) != 0xFE) {
                return false;
            }
            int recordLength = ((buf[at + 11] & 0xFF) << 8) | (buf[at + 12] & 0xFF);
            if (at + RECORD_HEADER + recordLength > end) {
                return false;
            }
            noteSequence(buf, at);
            at += RECORD_HEADER + recordLength;
        }
        return true;
    }

    private void noteSequence(byte[] buf, int at) {
        int epoch = ((buf[at + 3] & 0xFF) << 8) | (buf[at + 4] & 0xFF);
        if (epoch >= highestSequence.length) {
            return;
        }
        long sequence = 0;
        for (int i = 5; i < 11; i++) {
            sequence = (sequence << 8) | (buf[at + i] & 0xFF);
        }
        if (sequence < highestSequence[epoch]) {
            counters.countReordered();
        } else {
            highestSequence[epoch] = sequence;
        }
    }

    @Override
    public int getReceiveLimit() {
        return MTU;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            // Not -1: BouncyCastle reads that as a timeout and would keep retransmitting until its
            // handshake timeout, spinning on a queue that will never fill again.
            throw new ClosedChannelException();
        }
        byte[] datagram;
        try {
            datagram = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("DTLS receive interrupted");
        }
        if (datagram == CLOSED) {
            throw new ClosedChannelException();
        }
        if (datagram == null) {
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (!closed) {
            output.send(buf, off, len);
        }
    }

    /** Wakes a waiting handshake so it ends promptly. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSED);
    }

    public boolean isClosed() {
        return closed;
    }
}
