package io.ringedge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A media worker in a process of its own, for the media and control benchmarks: its configuration
 * file and log in the run folder, loopback only, registered in the benchmark's Redis.
 *
 * @param workerId        the worker's id in the registry
 * @param capacity        sessions it accepts; its port ranges are sized from it
 * @param pbxPortsFrom    first port of its PBX-side range (two ports a session: RTP and RTCP)
 * @param devicePortsFrom first port of its device-side range (one port a session: rtcp-mux)
 * @param jvmArgs         the JVM's options, before the benchmark's extra ones
 */
public record WorkerProcess(String workerId, int capacity, int pbxPortsFrom, int devicePortsFrom,
                            List<String> jvmArgs) {

    /** Starts the worker from {@code workerJar}; it answers on {@code controlPort} once it logs that it runs. */
    public ChildProcess start(Path runDir, Path workerJar, List<String> extraJvmArgs, String redisUri, int controlPort)
            throws IOException {
        Path config = runDir.resolve("worker.yaml");
        Files.writeString(config, String.join("\n",
                "media:",
                "  worker-id: " + workerId,
                "  bind-address: 127.0.0.1",
                "  capacity: " + capacity,
                "  pbx-port-range: " + pbxPortsFrom + "-" + (pbxPortsFrom + 2 * capacity + 99),
                "  device-port-range: " + devicePortsFrom + "-" + (devicePortsFrom + capacity + 99),
                "  control:",
                "    port: " + controlPort,
                "observe:",
                "  port: 0",
                "redis:",
                "  uri: " + redisUri,
                ""));
        List<String> command = new ArrayList<>(List.of(BenchRun.java()));
        command.addAll(jvmArgs);
        command.addAll(extraJvmArgs);
        command.addAll(List.of("-jar", workerJar.toAbsolutePath().toString(), "--config", config.toString()));
        return ChildProcess.start("worker", command, runDir, runDir.resolve("worker.log"));
    }

    /** A TCP port free on loopback now, for the worker's control API. */
    public static int freeControlPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** CPU this JVM (the benchmark's side) has used so far. */
    public static Duration benchCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
