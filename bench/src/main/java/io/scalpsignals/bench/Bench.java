package io.scalpsignals.bench;

import java.util.Arrays;

/** Small helpers of the benchmarks. */
final class Bench {

    private Bench() {}

    /**
     * The {@code qs} quantiles (0..1) of the first {@code count} {@code values} by the nearest-rank
     * method, from one sorted copy; NaN each when {@code count} is 0.
     */
    static double[] percentiles(long[] values, int count, double... qs) {
        double[] out = new double[qs.length];
        if (count == 0) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        for (int i = 0; i < qs.length; i++) {
            int rank = (int) Math.ceil(qs[i] * count);
            out[i] = sorted[Math.max(0, Math.min(count - 1, rank - 1))];
        }
        return out;
    }
}
