package io.ringedge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average (Linux {@code /proc/loadavg}): the results say how busy the machine was. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** NaN where there is no {@code /proc/loadavg}. */
    public static double read() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
