package io.scalpsignals.udf.state;

import io.scalpsignals.udf.config.FeatureConfig;

import java.util.Arrays;

/**
 * The closed bars of one symbol that the indicators of SPEC.md §3 need: a ring of the last
 * {@value FeatureConfig#BAR_HISTORY} bars' high, low, close, trade-weighted price sum and volume,
 * plus the running RSI and EMA values. Read and written only when a bar closes (a Flink POJO of
 * about 2 KB); cleared at the end of input.
 */
public class BarHistory {

    /** Bars closed so far; the ring slot of bar {@code n} is {@code n % BAR_HISTORY}. */
    public long closedBars;

    public double[] high = new double[FeatureConfig.BAR_HISTORY];
    public double[] low = new double[FeatureConfig.BAR_HISTORY];
    public double[] pv = new double[FeatureConfig.BAR_HISTORY];
    public double[] volume = new double[FeatureConfig.BAR_HISTORY];

    /** Close of the last closed bar, NaN before the first. */
    public double prevClose = Double.NaN;

    /** Close-to-close changes seen, and Wilder's average gain and loss (sums while seeding). */
    public long rsiChanges;

    public double avgGain;
    public double avgLoss;

    /** EMA of closes per period of {@code EMA_PERIODS} (sums of closes while seeding). */
    public double[] ema = new double[3];

    public BarHistory() {
        Arrays.fill(high, Double.NaN);
        Arrays.fill(low, Double.NaN);
    }
}
