package io.ringedge.bench.control;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A process's CPU time split into user and kernel time, and its threads' context switches, from
 * Linux's {@code /proc/PID/stat} and {@code /proc/PID/task/TID/status}: the kernel's share and the
 * switches per request say how much of a request's CPU is thread hand-offs and socket calls rather
 * than Java code. Zero where there is no {@code /proc}.
 *
 * @param user             CPU time in user mode
 * @param system           CPU time in the kernel
 * @param contextSwitches  voluntary and involuntary switches of the threads alive now (exited
 *                         threads' switches are lost: a carrier pool's threads live long)
 */
record ProcessCpu(Duration user, Duration system, long contextSwitches) {

    static final ProcessCpu NONE = new ProcessCpu(Duration.ZERO, Duration.ZERO, 0);
    /** {@code USER_HZ}: 100 on every Linux this runs on. */
    private static final long TICK_NANOS = 10_000_000;

    static ProcessCpu of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return new ProcessCpu(Duration.ofNanos(utime * TICK_NANOS), Duration.ofNanos(stime * TICK_NANOS),
                    switches(pid));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    private static long switches(long pid) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread exited while we read
                }
            }
        }
        return total;
    }

    ProcessCpu minus(ProcessCpu earlier) {
        return new ProcessCpu(user.minus(earlier.user), system.minus(earlier.system),
                contextSwitches - earlier.contextSwitches);
    }
}
