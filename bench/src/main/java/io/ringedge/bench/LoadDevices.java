package io.ringedge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.DeviceFleet;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.sip.SipResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The load device process: many WebSocket devices in one JVM (a {@link DeviceFleet}, so they share
 * a handful of threads), device {@code i} registered as the only device of {@link LoadUsers#user}.
 * Each rings at once, answers {@code --answer-after-ms} later and hangs up {@code --hold-ms} after
 * the ACK. Prints {@value #READY} once every device is registered, then serves until its standard
 * input closes (the driver went away), SIGTERM, or {@code --max-seconds}.
 *
 * <pre>
 * LoadDevices --http-url http://127.0.0.1:8088 --api-key KEY --devices 500 --answer-after-ms 20
 *             --hold-ms 1000 --max-seconds 3600
 * </pre>
 */
public final class LoadDevices {

    static final String READY = "LOAD-DEVICES READY";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The shutdown hook waits on this so SIGTERM still closes every WebSocket with a closing handshake. */
    private static final CountDownLatch CLOSED = new CountDownLatch(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** REGISTER asks for the registrar's maximum so no binding expires during a run. */
    private static final int EXPIRES = 3600;

    private LoadDevices() {
    }

    /**
     * What a load device answers the media worker's WebRTC offer with: a browser's answer in shape
     * (ICE credentials, one host candidate, a SHA-256 fingerprint, {@code a=setup:active}, PCMU,
     * RFC 8829 §5.3), but the device runs no ICE or DTLS. So the benchmark measures signalling with
     * the worker session every call really gets (create, answer, delete through the control API);
     * what a worker carries is the media benchmark's question. The candidate names the discard
     * port, so the worker's connectivity checks reach nobody.
     */
    static final String SIGNALLING_ONLY_ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 0",
            "c=IN IP4 127.0.0.1",
            "a=mid:0",
            "a=ice-ufrag:load",
            "a=ice-pwd:loadloadloadloadloadload",
            "a=fingerprint:sha-256 " + String.join(":", java.util.Collections.nCopies(32, "5A")),
            "a=setup:active",
            "a=rtcp-mux",
            "a=rtpmap:0 PCMU/8000",
            "a=sendrecv",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host",
            "");

    public static void main(String[] args) throws Exception {
        URI http = null;
        String apiKey = null;
        int devices = 0;
        long answerAfterMs = 0;
        long holdMs = 1_000;
        long maxSeconds = 3_600;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--http-url" -> http = URI.create(args[i + 1]);
                case "--api-key" -> apiKey = args[i + 1];
                case "--devices" -> devices = Integer.parseInt(args[i + 1]);
                case "--answer-after-ms" -> answerAfterMs = Long.parseLong(args[i + 1]);
                case "--hold-ms" -> holdMs = Long.parseLong(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (http == null || apiKey == null || devices < 1 || devices > BenchOptions.MAX_DEVICES || args.length % 2 != 0) {
            System.err.println("usage: LoadDevices --http-url URL --api-key KEY --devices 1.." + BenchOptions.MAX_DEVICES
                    + " [--answer-after-ms MS] [--hold-ms MS] [--max-seconds S]");
            System.exit(2);
        }
        long started = System.nanoTime();
        List<DeviceSettings> settings = mintAll(http, apiKey, devices);
        try (DeviceFleet fleet = DeviceFleet.connect(settings, TIMEOUT)) {
            fleet.onInvite(new CallBehaviour.Answer(Duration.ofMillis(answerAfterMs), SIGNALLING_ONLY_ANSWER,
                    Duration.ofMillis(holdMs)));
            List<SipResponse> answers = fleet.registerAll();
            long refused = answers.stream().filter(r -> r.status() != 200).count();
            if (refused > 0) {
                System.out.println("LOAD-DEVICES FAILED: " + refused + " of " + devices + " REGISTERs refused, first: "
                        + answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow().startLine());
                System.exit(1);
            }
            System.out.println(READY + " " + devices + " devices registered in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
            Duration limit = Duration.ofSeconds(maxSeconds);
            boolean ended = DriverPipe.awaitEnd(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // the driver writes nothing; only the end of the stream matters
                    }
                }
            }, CLOSED, TIMEOUT, Optional.of(limit));
            if (!ended) {
                System.out.println("LOAD-DEVICES stopping after the " + limit.toSeconds() + " s limit");
            }
            System.out.println("LOAD-DEVICES calls received: " + fleet.callCount());
        } finally {
            CLOSED.countDown();
        }
    }

    /** A device token from the edge's API, and the WebSocket URL it names. */
    record Minted(URI wsUrl, String token) {
    }

    private static List<DeviceSettings> mintAll(URI http, String apiKey, int devices) throws IOException, InterruptedException {
        List<Minted> minted = mint(http, apiKey, devices, 300);
        List<DeviceSettings> out = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            out.add(DeviceSettings.of(minted.get(i).wsUrl(), LoadUsers.user(i), LoadUsers.DOMAIN, minted.get(i).token())
                    .withExpires(EXPIRES).withTimeout(TIMEOUT).withoutRecording());
        }
        return out;
    }

    /** One token per device {@code i} of {@link LoadUsers#user}{@code (i)} from the edge's {@code POST /api/v1/tokens}. */
    static List<Minted> mint(URI http, String apiKey, int devices, int ttlSeconds) throws IOException, InterruptedException {
        List<Minted> out = new ArrayList<>(devices);
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            for (int i = 0; i < devices; i++) {
                String body = JSON.createObjectNode().put("tenant", LoadUsers.TENANT).put("user", LoadUsers.user(i))
                        .put("device", "dev-" + i).put("ttlSeconds", ttlSeconds).toString();
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(http.resolve("/api/v1/tokens"))
                        .timeout(TIMEOUT).header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new IOException("token for " + LoadUsers.user(i) + ": HTTP " + res.statusCode() + " " + res.body());
                }
                JsonNode json = JSON.readTree(res.body());
                out.add(new Minted(URI.create(json.get("wsUrl").asText()), json.get("token").asText()));
            }
        }
        return out;
    }
}
