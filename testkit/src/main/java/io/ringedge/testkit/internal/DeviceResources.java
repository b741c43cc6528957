package io.ringedge.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads behind test devices: a JDK HttpClient (its selector thread carries the WebSockets)
 * and one SIP thread that owns all call state. A single device owns its own; a fleet of load
 * devices shares one set, so a thousand registrations cost three threads, not three thousand.
 */
public final class DeviceResources implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceResources.class);

    private final HttpClient client;
    /** the HttpClient's own executor (WebSocket callbacks run here), ours so close() can wait for it */
    private final ExecutorService webSocketThreads;
    private final ScheduledThreadPoolExecutor sipThread;
    private final Duration closeTimeout;

    private DeviceResources(String name, Duration connectTimeout, SSLContext sslContext) {
        AtomicInteger wsThreads = new AtomicInteger();
        this.webSocketThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-ws-" + wsThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout).executor(webSocketThreads);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.sipThread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        sipThread.setRemoveOnCancelPolicy(true);
        this.closeTimeout = connectTimeout;
    }

    /**
     * @param name       the SIP thread's name, so a leak names its owner
     * @param sslContext trust for {@code wss://}; null for the JDK default
     */
    public static DeviceResources create(String name, Duration timeout, SSLContext sslContext) {
        return new DeviceResources(name, timeout, sslContext);
    }

    HttpClient client() {
        return client;
    }

    ScheduledExecutorService sipThread() {
        return sipThread;
    }

    /** Stops the SIP thread, the HttpClient and its executor, waiting for each. */
    @Override
    public void close() {
        sipThread.shutdownNow();
        client.shutdownNow();
        try {
            if (!sipThread.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("SIP thread did not stop within {}", closeTimeout);
            }
            if (!client.awaitTermination(closeTimeout)) {
                LOG.warn("HttpClient did not terminate within {}", closeTimeout);
            }
            webSocketThreads.shutdownNow();
            if (!webSocketThreads.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("WebSocket threads did not stop within {}", closeTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
