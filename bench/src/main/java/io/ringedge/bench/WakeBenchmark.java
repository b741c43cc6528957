package io.ringedge.bench;

import io.ringedge.testkit.push.FakeFcm;
import io.ringedge.testkit.push.MockApns;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 3's wake-path benchmark: every call rings a phone that is asleep. Starts {@link WakePhones}
 * (the phones and the FCM and APNs stand-ins they are pushed through), then the whole system
 * configured to push through those stand-ins, then SIPp as the PBX ({@code bench-wake.xml}: it
 * hangs up after {@code --hold-ms}) at each rate. After the steps it reads every call's timeline
 * back from Kafka and reports, per step, INVITE received → push accepted by the provider and
 * REGISTER received → INVITE sent to the woken phone, with a breakdown of each, the phones' own view,
 * and SIPp's success. Run it with {@code bench/run-wake.sh}.
 */
public final class WakeBenchmark {

    /** Events still in the publishers' outboxes when SIPp ends reach Kafka within this. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Pattern PROVIDERS = Pattern.compile("fcm=(\\S+) apns=(\\S+)");
    private static final Pattern KAFKA = Pattern.compile("Kafka\\s+(\\S+)");

    private final BenchOptions options;
    private final BenchRun run;

    private WakeBenchmark(BenchOptions options, BenchRun run) {
        this.options = options;
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(BenchOptions.WAKE, args);
        } catch (IllegalArgumentException e) {
            System.err.println("WakeBenchmark: " + e.getMessage() + "\n" + BenchOptions.usage(BenchOptions.WAKE));
            System.exit(2);
            return;
        }
        SignallingBenchmark.checkPrerequisites("WakeBenchmark", options);
        BenchRun run = BenchRun.create(options.runsDir());
        int status;
        try {
            status = new WakeBenchmark(options, run).run();
        } catch (IOException | RuntimeException e) {
            System.err.println("WakeBenchmark failed: " + e + "\n(logs in " + run.dir() + ")");
            status = 1;
        } finally {
            run.stopChildren();
        }
        System.exit(status);
    }

    private int run() throws IOException, InterruptedException {
        BenchRun.say("run folder " + run.dir() + "; load average " + LoadAverage.read());
        SystemConfigFile.EdgePorts ports = Ports.pick();
        String apiKey = "bench-" + UUID.randomUUID();
        ChildProcess phones = run.startChild("wake-phones", List.of(BenchRun.java(), "-Xms256m", "-Xmx768m",
                "-cp", BenchRun.absoluteClassPath(), WakePhones.class.getName(),
                "--http-url", "http://127.0.0.1:" + ports.http(), "--api-key", apiKey,
                "--devices", Integer.toString(options.devices()),
                "--answer-after-ms", Long.toString(options.answerAfter().toMillis()), "--dir", run.dir().toString()));
        Matcher providers = match(PROVIDERS, phones.awaitLine(WakePhones.PROVIDERS, Duration.ofSeconds(60)));
        SystemConfigFile system = new SystemConfigFile(ports, run.dir().resolve("kafka").toString(), options.devices(),
                apiKey, Optional.of(new SystemConfigFile.MockProviders(providers.group(1), FakeFcm.PROJECT,
                providers.group(2), MockApns.TEAM_ID, MockApns.KEY_ID, run.dir().resolve(WakePhones.APNS_KEY_FILE),
                run.dir().resolve(WakePhones.APNS_TRUST_FILE))));
        Path config = run.write("system.yaml", system.yaml());
        Path dids = run.write("dids.csv", system.injectionCsv());
        Path scenario = run.copyResource("bench/bench-wake.xml", "bench-wake.xml");

        ChildProcess edge = SignallingBenchmark.startSystem(run, options, config);
        String kafka = match(KAFKA, edge.awaitLine("  Kafka ", Duration.ofSeconds(5))).group(1);
        phones.tell("go");
        BenchRun.say(phones.awaitLine(WakePhones.READY, Duration.ofSeconds(60 + options.devices() / 10)));

        SippSteps sipp = new SippSteps(scenario, dids, ports.sip(), run.dir().resolve("sipp"),
                options.answerAfter().plus(options.hold()), options.hold(), edge, phones, run.sipp());
        List<StepResult> sippSteps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        sippSteps.add(sipp.run(BenchOptions.WARM_UP_RATE, options.warmUp()));
        names.add("warm-up " + BenchOptions.WARM_UP_RATE + "/s");
        BenchRun.say("warm-up done: " + ResultTable.row(sippSteps.getFirst()));
        for (int rate : options.rates()) {
            Thread.sleep(SignallingBenchmark.PAUSE_BETWEEN_STEPS.toMillis());
            StepResult step = sipp.run(rate, options.step());
            sippSteps.add(step);
            names.add(rate + " calls/s × " + options.step().toSeconds() + " s");
            BenchRun.say("step done: " + ResultTable.row(step));
            if (!edge.isAlive() || !phones.isAlive()) {
                BenchRun.say("a child process died: system " + (edge.isAlive() ? "alive" : "DEAD") + ", phones "
                        + (phones.isAlive() ? "alive" : "DEAD") + "; stopping");
                break;
            }
        }
        Thread.sleep(SETTLE.toMillis());
        Map<String, WakeTimeline> timelines = CallEventsReader.readAll(kafka, Duration.ofSeconds(120));
        Map<String, PhoneWake> wakes = new HashMap<>();
        WakeLog.read(run.dir().resolve(WakePhones.WAKES_FILE)).forEach(w -> wakes.putIfAbsent(w.callId(), w));

        List<WakeReport.Step> steps = new ArrayList<>();
        for (int i = 0; i < sippSteps.size(); i++) {
            StepResult s = sippSteps.get(i);
            List<WakeTimeline> calls = timelines.values().stream()
                    .filter(t -> t.offered().filter(s::during).isPresent()).toList();
            steps.add(new WakeReport.Step(names.get(i), s, WakeStats.of(calls, wakes)));
        }
        StringBuilder report = new StringBuilder("# wake benchmark " + run.dir().getFileName() + "\n\n")
                .append(options.devices()).append(" phones (even: FCM, odd: APNs), answer after ")
                .append(options.answerAfter().toMillis()).append(" ms, PBX hangs up after ").append(options.hold().toMillis())
                .append(" ms; load average at start ").append(LoadAverage.read()).append("\n\n")
                .append(WakeReport.header()).append('\n');
        steps.forEach(s -> report.append(WakeReport.row(s)).append('\n'));
        report.append('\n');
        steps.forEach(s -> report.append(WakeReport.breakdown(s)).append('\n'));
        report.append(WakeReport.verdict(steps.subList(1, steps.size())));
        run.write("results.md", report.toString());
        BenchRun.say("\n" + report);
        return 0;
    }

    private static Matcher match(Pattern pattern, String line) throws IOException {
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            throw new IOException("unexpected line: " + line);
        }
        return m;
    }
}
