package io.ringedge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringedge.testkit.CallBehaviour;
import io.ringedge.testkit.CallState;
import io.ringedge.testkit.DeviceCall;
import io.ringedge.testkit.DeviceFleet;
import io.ringedge.testkit.DeviceSettings;
import io.ringedge.testkit.TestDevice;
import io.ringedge.testkit.push.FakeFcm;
import io.ringedge.testkit.push.MockApns;
import io.ringedge.testkit.sip.SipResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wake benchmark's phones and their push providers, in one JVM: Pushy's mock APNs server and
 * the FCM v1 stand-in, and {@code --devices} phones, phone {@code i} the only device of
 * {@link LoadUsers#user}, even ones Android (FCM), odd ones iPhones (APNs VoIP).
 *
 * <p>It prints {@value #PROVIDERS} with the stand-ins' addresses (the system under test is
 * configured with them), waits for a line on standard input (the system runs), then registers
 * every phone with its RFC 8599 push parameters and closes its WebSocket: asleep. A push the
 * stand-in accepts wakes its phone: it connects, REGISTERs with its device token and the push's
 * attach token, answers the INVITE after {@code --answer-after-ms}, and once the PBX's BYE ends the
 * call closes its WebSocket again. Each wake is a line of {@value #WAKES_FILE} (times as the phone
 * saw them). Ends when standard input closes, or on SIGTERM.
 */
public final class WakePhones {

    static final String PROVIDERS = "WAKE-PHONES PROVIDERS";
    static final String READY = "WAKE-PHONES READY";
    static final String WAKES_FILE = "phone-wakes.csv";
    static final String APNS_KEY_FILE = "mock-apns-key.pem";
    static final String APNS_TRUST_FILE = "mock-apns-ca.pem";
    /** RFC 8599 §9.2 pn-param: team, bundle, service; the topic is {@code io.ringedge.bench.voip}. */
    static final String APNS_PARAM = MockApns.TEAM_ID + ".io.ringedge.bench.voip";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CountDownLatch CLOSED = new CountDownLatch(1);
    /** Longest a woken phone waits for its call to end before hanging up its WebSocket anyway. */
    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);

    private final DeviceFleet fleet;
    private final Map<String, DeviceSettings> byPrid;
    private final Duration answerAfter;
    private final WakeLog log;
    private final AtomicLong wakes = new AtomicLong();
    private final AtomicLong cancels = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    /** Calls a phone was woken for: a provider may deliver a push twice (a retried send), and an app drops the second. */
    private final Set<String> wokenFor = ConcurrentHashMap.newKeySet();

    private WakePhones(DeviceFleet fleet, Map<String, DeviceSettings> byPrid, Duration answerAfter, WakeLog log) {
        this.fleet = fleet;
        this.byPrid = byPrid;
        this.answerAfter = answerAfter;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        URI http = URI.create(o.get("--http-url"));
        int phones = Integer.parseInt(o.get("--devices"));
        Duration answerAfter = Duration.ofMillis(Long.parseLong(o.getOrDefault("--answer-after-ms", "20")));
        Path dir = Path.of(o.getOrDefault("--dir", "."));
        try (FakeFcm fcm = FakeFcm.start(); WakeLog log = WakeLog.create(dir.resolve(WAKES_FILE))) {
            MockApns apns = MockApns.start();
            try {
                Files.writeString(dir.resolve(APNS_KEY_FILE), apns.signingKeyPem());
                Files.writeString(dir.resolve(APNS_TRUST_FILE), apns.certificatePem());
                System.out.println(PROVIDERS + " fcm=" + fcm.endpoint() + " apns=127.0.0.1:" + apns.port());
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                if (stdin.readLine() == null) {
                    return;
                }
                List<DeviceSettings> settings = phones(http, o.get("--api-key"), phones);
                long started = System.nanoTime();
                try (DeviceFleet fleet = DeviceFleet.connect(settings, TIMEOUT)) {
                    List<SipResponse> answers = fleet.registerAll();
                    long refused = answers.stream().filter(r -> r.status() != 200).count();
                    if (refused > 0) {
                        System.out.println("WAKE-PHONES FAILED: " + refused + " of " + phones + " REGISTERs refused, first: "
                                + answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow().startLine());
                        System.exit(1);
                    }
                    // asleep: the WebSocket goes, the push handle stays with the device
                    fleet.devices().forEach(TestDevice::close);
                    Map<String, DeviceSettings> byPrid = new HashMap<>();
                    settings.forEach(s -> byPrid.put(s.contactUriParams().get("pn-prid"), s));
                    WakePhones woken = new WakePhones(fleet, byPrid, answerAfter, log);
                    fcm.onAccepted(push -> woken.pushed("fcm", push.token(), push.message().path("data")));
                    apns.onAccepted(push -> woken.pushed("apns", push.header(":path").replace("/3/device/", ""),
                            woken.json(push.payload())));
                    System.out.println(READY + " " + phones + " phones registered and asleep in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                    DriverPipe.awaitEnd(() -> {
                        while (stdin.readLine() != null) {
                            // only the end of the stream matters
                        }
                    }, CLOSED, TIMEOUT, Optional.empty());
                    System.out.println("WAKE-PHONES wakes " + woken.wakes + ", failed " + woken.failures
                            + ", duplicate pushes dropped " + woken.duplicates + ", cancel pushes " + woken.cancels);
                }
            } finally {
                apns.close();
                CLOSED.countDown();
            }
        }
    }

    /** Phone {@code i}: a device token from the edge's API, and the push handle of its kind. */
    private static List<DeviceSettings> phones(URI http, String apiKey, int phones) throws IOException, InterruptedException {
        List<DeviceSettings> out = new ArrayList<>(phones);
        List<LoadDevices.Minted> tokens = LoadDevices.mint(http, apiKey, phones, SystemConfigFile.WAKE_TOKEN_LIFETIME_SECONDS);
        for (int i = 0; i < phones; i++) {
            DeviceSettings s = DeviceSettings.of(tokens.get(i).wsUrl(), LoadUsers.user(i), LoadUsers.DOMAIN, tokens.get(i).token())
                    .withExpires(3600).withTimeout(TIMEOUT).withoutRecording();
            out.add(i % 2 == 0
                    ? s.withContactUriParam("pn-provider", "fcm").withContactUriParam("pn-prid", "bench-fcm-" + i)
                    : s.withPush("apns", String.format("%064x", i), APNS_PARAM));
        }
        return out;
    }

    private JsonNode json(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** On the provider's thread: anything slow goes to a virtual thread of its own. */
    private void pushed(String provider, String prid, JsonNode data) {
        Instant at = Instant.now();
        String type = data.path("type").asText();
        if (!type.equals("incoming-call")) {
            cancels.incrementAndGet();
            return;
        }
        DeviceSettings phone = byPrid.get(prid);
        if (phone == null) {
            failures.incrementAndGet();
            return;
        }
        if (!wokenFor.add(data.path("callId").asText())) {
            duplicates.incrementAndGet();
            return;
        }
        wakes.incrementAndGet();
        Thread.ofVirtual().start(() -> wake(phone, provider, data.path("callId").asText(),
                data.path("attachToken").asText(), at));
    }

    private void wake(DeviceSettings phone, String provider, String callId, String attachToken, Instant pushed) {
        Instant registerSent = null;
        Instant registered = null;
        Instant invited = null;
        String outcome = "ok";
        try (TestDevice device = fleet.connectAnother(phone)) {
            device.onInvite(new CallBehaviour.Answer(answerAfter, LoadDevices.SIGNALLING_ONLY_ANSWER, null));
            registerSent = Instant.now();
            SipResponse r = device.send(device.registerRequest(phone.expires())
                    .with("X-Ringedge-Attach-Token", attachToken));
            registered = Instant.now();
            if (r.status() != 200) {
                // the reason phrase says which token the edge refused, and why
                outcome = "register " + r.status() + " " + r.reason().replace(',', ';');
            } else {
                DeviceCall call = device.awaitCall(TIMEOUT);
                invited = call.receivedAt();
                call.awaitState(CallState.TERMINATED, CALL_LIMIT);
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            outcome = e.getClass().getSimpleName();
        }
        if (!outcome.equals("ok")) {
            failures.incrementAndGet();
        }
        log.add(new PhoneWake(callId, provider, phone.user(), pushed, registerSent, registered, invited, outcome));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--http-url", "--api-key", "--devices")) {
            if (!o.containsKey(required) || args.length % 2 != 0) {
                System.err.println("usage: WakePhones --http-url URL --api-key KEY --devices N [--answer-after-ms MS] [--dir DIR]");
                System.exit(2);
            }
        }
        return o;
    }
}
