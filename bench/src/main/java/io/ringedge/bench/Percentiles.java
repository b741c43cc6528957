package io.ringedge.bench;

import java.util.List;

/**
 * Percentiles of raw response-time samples (every call's SIPp {@code -trace_rtt} line), not of
 * SIPp's own averages or repartition buckets.
 *
 * @param count samples
 * @param p50   median, milliseconds
 * @param p99   99th percentile, milliseconds
 * @param max   largest sample, milliseconds
 */
public record Percentiles(int count, double p50, double p99, double max) {

    public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);

    public static Percentiles of(List<Double> samples) {
        if (samples.isEmpty()) {
            return NONE;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Percentiles(sorted.length, nearestRank(sorted, 50), nearestRank(sorted, 99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile of ascending {@code sorted}: the smallest sample with at least {@code p} % of samples at or below it. */
    static double nearestRank(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
