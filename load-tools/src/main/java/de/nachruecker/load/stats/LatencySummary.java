package de.nachruecker.load.stats;

import java.util.Arrays;
import java.util.Collection;

/** Count and nearest-rank percentiles of a set of samples (milliseconds, or any unit the caller uses). */
public record LatencySummary(int count, double p50, double p90, double p99, double max) {

    public static LatencySummary of(Collection<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(sorted.length, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest sample with at least {@code percent}% of the samples at or below it. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
