package io.ringedge.media.control.internal;

import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

import java.net.URI;
import java.time.Duration;

/**
 * The control client's HTTP/1.1 transport (Helidon WebClient): one blocking exchange on the
 * calling thread, a virtual thread of the client's. Every exchange finds a kept-alive connection to
 * its worker when one is idle (RFC 9112 §9.3: persistent by default), so an edge calling a worker
 * hundreds of times a second reuses a few connections instead of opening one per call.
 *
 * <p>Why not the JDK's {@code java.net.http.HttpClient}: each of its exchanges hops between its
 * selector thread and the executor several times (request sent, headers read, body read, the
 * future's stages), each hop a thread wake-up; measured with {@code bench/run-control.sh}, that
 * was ~1 ms of the edge's CPU per request. Here the exchange is written and read on one virtual
 * thread, which parks only while the worker thinks.
 */
public final class ControlHttp implements AutoCloseable {

    /** A worker's answer: its status and its body (empty when it sent none). */
    public record Reply(int status, byte[] body) {
    }

    private final Http1Client client;

    /**
     * @param readTimeout a read that waits longer fails the exchange; with the connect timeout it
     *                    bounds how long a silent worker holds the calling thread
     */
    public ControlHttp(Duration connectTimeout, Duration readTimeout, int connectionsPerWorker) {
        this.client = Http1Client.builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                // a request's headers and body may leave in two writes: Nagle would hold the second
                // for the worker's delayed ACK (~40 ms on Linux)
                .socketOptions(options -> options.tcpNoDelay(true))
                .shareConnectionCache(false)
                .connectionCacheSize(connectionsPerWorker)
                .servicesDiscoverServices(false)
                .followRedirects(false)
                .sendExpectContinue(false)
                .build();
    }

    /** Sends {@code body} (null: none) and reads the whole answer; I/O failures are thrown. */
    public Reply exchange(Method method, URI uri, byte[] body) {
        Http1ClientRequest request = client.method(method).uri(uri).header(HeaderValues.ACCEPT_JSON);
        if (body != null) {
            request.header(HeaderValues.CONTENT_TYPE_JSON);
        }
        try (Http1ClientResponse response = body == null ? request.request() : request.submit(body)) {
            // read to the end, so the connection can carry the next exchange
            byte[] bytes = response.entity().hasEntity() ? response.entity().as(byte[].class) : new byte[0];
            return new Reply(response.status().code(), bytes);
        }
    }

    /** Closes the idle kept-alive connections. */
    @Override
    public void close() {
        client.closeResource();
    }
}
