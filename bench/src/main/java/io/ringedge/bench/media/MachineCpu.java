package io.ringedge.bench.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU time by kind (Linux {@code /proc/stat}, first line, in clock ticks), so a
 * step can say whether the cores were saturated: the worker and the generator share them, and on
 * loopback the kernel's delivery of a datagram (softirq) runs on the sender's core.
 *
 * @param user   user and nice time
 * @param system system time
 * @param irq    hard and soft interrupt time
 * @param steal  time the hypervisor gave to someone else
 * @param idle   idle and I/O wait time
 */
record MachineCpu(long user, long system, long irq, long steal, long idle) {

    static final MachineCpu UNKNOWN = new MachineCpu(0, 0, 0, 0, 0);

    /** Now, or {@link #UNKNOWN} where there is no {@code /proc/stat}. */
    static MachineCpu read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /** From the aggregate line: {@code cpu user nice system idle iowait irq softirq steal ...}. */
    static MachineCpu parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 9) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + line);
        }
        long[] v = new long[9];
        for (int i = 1; i < 9; i++) {
            v[i] = Long.parseLong(f[i]);
        }
        return new MachineCpu(v[1] + v[2], v[3], v[6] + v[7], v[8], v[4] + v[5]);
    }

    /** What the machine did between {@code before} and this, in percent of one core per kind. */
    String since(MachineCpu before, int cores) {
        long total = user + system + irq + steal + idle - (before.user + before.system + before.irq + before.steal + before.idle);
        if (total <= 0 || this == UNKNOWN || before == UNKNOWN) {
            return "machine CPU unknown";
        }
        double scale = 100.0 * cores / total;
        return String.format(Locale.ROOT, "machine: %.0f %% busy of %d00 %% (user %.0f, system %.0f, irq %.0f, steal %.0f, idle %.0f)",
                scale * (total - (idle - before.idle)), cores, scale * (user - before.user), scale * (system - before.system),
                scale * (irq - before.irq), scale * (steal - before.steal), scale * (idle - before.idle));
    }
}
