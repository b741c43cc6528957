package io.ringedge.bench;

import io.ringedge.testkit.sipp.Sipp;
import io.ringedge.testkit.sipp.SippProcess;
import io.ringedge.testkit.sipp.SippResult;
import io.ringedge.testkit.sipp.SippRun;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One SIPp run per rate step, the DIDs dialled in turn from the injection file, with the CPU the
 * system's and the devices' processes used meanwhile.
 *
 * @param callLength how long one call lasts once answered (for SIPp's concurrency bound and timeout)
 * @param pbxHold    SIPp's {@code -d}: how long the PBX holds an answered call before its BYE, for
 *                   scenarios where the PBX hangs up; zero where the device does
 */
record SippSteps(Path scenario, Path dids, int edgeSipPort, Path sippRuns, Duration callLength, Duration pbxHold,
                 ChildProcess system, ChildProcess devices, AtomicReference<SippProcess> current) {

    StepResult run(int rate, Duration length) throws IOException {
        int calls = Math.toIntExact(rate * length.toSeconds());
        // room for every call the rate can have in progress, so -l never throttles the offered rate
        int concurrent = Math.min(SippRun.MAX_CALLS, Math.toIntExact(rate * (callLength.toSeconds() + 10)));
        SippRun run = SippRun.uac(scenario, "127.0.0.1", edgeSipPort).withInjectionFile(dids).withRate(rate)
                .withCalls(calls).withMaxConcurrent(concurrent).withoutMessageTrace().withRunsDir(sippRuns)
                .withTimeout(length.plus(callLength).plusSeconds(30));
        if (!pbxHold.isZero()) {
            run = run.withHold(pbxHold);
        }
        Duration systemCpu = system.cpu();
        Duration devicesCpu = devices.cpu();
        Instant started = Instant.now();
        long start = System.nanoTime();
        SippResult r;
        try (SippProcess process = Sipp.start(run)) {
            current.set(process);
            r = process.awaitResult();
        } finally {
            current.set(null);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        systemCpu = system.cpu().minus(systemCpu);
        devicesCpu = devices.cpu().minus(devicesCpu);
        return new StepResult(rate, calls, r.successfulCalls(), r.failedCalls(), wall,
                Percentiles.of(r.responseTimes("ringing")), Percentiles.of(r.responseTimes("answered")),
                r.runDir().toString(), LoadAverage.read(), systemCpu, devicesCpu, started);
    }
}
