package io.ringedge.testkit.sipp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Call counts from SIPp's {@code -trace_stat} CSV, or failing that its {@code -trace_screen} dump;
 * response times from its {@code -trace_rtt} CSV.
 */
final class SippStats {

    private SippStats() {
    }

    /** The cumulative value of {@code column} (e.g. "SuccessfulCall(C)") in the last row of the CSV. */
    static OptionalLong fromCsv(List<String> lines, String column) {
        if (lines.size() < 2) {
            return OptionalLong.empty();
        }
        String[] header = lines.getFirst().split(";", -1);
        String[] last = lines.getLast().split(";", -1);
        for (int i = 0; i < header.length && i < last.length; i++) {
            if (header[i].trim().equals(column)) {
                try {
                    return OptionalLong.of(Long.parseLong(last[i].trim()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The cumulative column of the last {@code "  Successful call | 0 | 1"} style row of a screen dump. */
    static OptionalLong fromScreen(String screen, String rowName) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(rowName) + "\\s*\\|\\s*(\\d+)\\s*\\|\\s*(\\d+)").matcher(screen);
        OptionalLong found = OptionalLong.empty();
        while (m.find()) {
            found = OptionalLong.of(Long.parseLong(m.group(2)));
        }
        return found;
    }

    /**
     * Samples per rtd name from "Date_ms;response_time_ms;rtd_no" lines; times are milliseconds,
     * usually whole but not always ("4.001"). The header and anything malformed are skipped.
     */
    static Map<String, List<Double>> responseTimes(List<String> lines) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(";");
            if (parts.length >= 3 && parts[1].trim().matches("\\d+(\\.\\d+)?")) {
                times.computeIfAbsent(parts[2].trim(), k -> new ArrayList<>()).add(Double.parseDouble(parts[1].trim()));
            }
        }
        return times;
    }
}
