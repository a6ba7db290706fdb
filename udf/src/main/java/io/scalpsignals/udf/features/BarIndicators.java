package io.scalpsignals.udf.features;

import io.scalpsignals.model.Bar;
import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.SymbolState;

/**
 * Closes a bar and computes its indicators (SPEC.md §3) over the sequence of existing bars:
 *
 * <ul>
 *   <li>{@code vwap_20}, {@code vwap_50}: {@code sum(p*v) / sum(v)} over the trades of the last
 *       20 / 50 bars, this one included;
 *   <li>{@code rsi_7}: Wilder's RSI (J. W. Wilder, <i>New Concepts in Technical Trading
 *       Systems</i>, 1978); the first averages are simple means of the first 7 changes, so the
 *       first value is on bar 8; 100 when the average loss is 0;
 *   <li>{@code willr_7 = -100 (HH7 - close) / (HH7 - LL7)}, NaN when {@code HH7 == LL7};
 *   <li>{@code ema_n}: alpha {@code 2/(n+1)}, seeded with the mean of the first n closes;
 *   <li>{@code donchian_*_20}: the levels in force for the bar, from the 20 bars before it.
 * </ul>
 * Values are NaN until their window is full.
 */
final class BarIndicators {

    static final int[] EMA_PERIODS = {3, 5, 8};
    static final int RSI_PERIOD = 7;
    static final int WILLR_PERIOD = 7;
    static final int DONCHIAN_PERIOD = 20;
    static final int VWAP_SHORT = 20;
    static final int VWAP_LONG = FeatureConfig.BAR_HISTORY;

    private BarIndicators() {}

    /**
     * Pushes the open bar of {@code s} into {@code h}, returns it with its indicators, and sets
     * the levels in force for the next bar in {@code s}.
     */
    static Bar close(String symbol, SymbolState s, BarHistory h) {
        int slot = (int) (h.closedBars % VWAP_LONG);
        h.high[slot] = s.barHigh;
        h.low[slot] = s.barLow;
        h.pv[slot] = s.barPv;
        h.volume[slot] = s.barVolume;
        h.closedBars++;
        long n = h.closedBars;
        double close = s.barClose;

        double vwap20 = n >= VWAP_SHORT ? vwap(h, VWAP_SHORT) : Double.NaN;
        double vwap50 = n >= VWAP_LONG ? vwap(h, VWAP_LONG) : Double.NaN;
        double willr = Double.NaN;
        if (n >= WILLR_PERIOD) {
            double hh = max(h.high, n, WILLR_PERIOD);
            double ll = min(h.low, n, WILLR_PERIOD);
            willr = hh == ll ? Double.NaN : -100.0 * (hh - close) / (hh - ll);
        }
        double rsi = rsi(h, close);
        double[] emas = new double[EMA_PERIODS.length];
        for (int i = 0; i < EMA_PERIODS.length; i++) {
            emas[i] = ema(h, i, EMA_PERIODS[i], n, close);
        }
        h.prevClose = close;

        Bar bar = new Bar(
                symbol,
                s.barStart,
                s.barOpen,
                s.barHigh,
                s.barLow,
                close,
                s.barVolume,
                s.barTrades,
                vwap20,
                vwap50,
                rsi,
                willr,
                emas[0],
                emas[1],
                emas[2],
                s.levelHigh,
                s.levelLow);
        if (n >= DONCHIAN_PERIOD) {
            s.levelHigh = max(h.high, n, DONCHIAN_PERIOD);
            s.levelLow = min(h.low, n, DONCHIAN_PERIOD);
        }
        return bar;
    }

    private static double rsi(BarHistory h, double close) {
        if (Double.isNaN(h.prevClose)) {
            return Double.NaN;
        }
        double change = close - h.prevClose;
        double gain = Math.max(change, 0.0);
        double loss = Math.max(-change, 0.0);
        h.rsiChanges++;
        if (h.rsiChanges < RSI_PERIOD) {
            h.avgGain += gain;
            h.avgLoss += loss;
            return Double.NaN;
        }
        if (h.rsiChanges == RSI_PERIOD) {
            h.avgGain = (h.avgGain + gain) / RSI_PERIOD;
            h.avgLoss = (h.avgLoss + loss) / RSI_PERIOD;
        } else {
            h.avgGain = (h.avgGain * (RSI_PERIOD - 1) + gain) / RSI_PERIOD;
            h.avgLoss = (h.avgLoss * (RSI_PERIOD - 1) + loss) / RSI_PERIOD;
        }
        return h.avgLoss == 0.0 ? 100.0 : 100.0 - 100.0 / (1.0 + h.avgGain / h.avgLoss);
    }

    private static double ema(BarHistory h, int i, int period, long n, double close) {
        if (n < period) {
            h.ema[i] += close;
            return Double.NaN;
        }
        if (n == period) {
            h.ema[i] = (h.ema[i] + close) / period;
        } else {
            double alpha = 2.0 / (period + 1);
            h.ema[i] = alpha * close + (1.0 - alpha) * h.ema[i];
        }
        return h.ema[i];
    }

    private static double vwap(BarHistory h, int bars) {
        double pv = 0;
        double v = 0;
        for (int k = 0; k < bars; k++) {
            int slot = slot(h.closedBars, k);
            pv += h.pv[slot];
            v += h.volume[slot];
        }
        return pv / v;
    }

    private static double max(double[] values, long n, int bars) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < bars; k++) {
            m = Math.max(m, values[slot(n, k)]);
        }
        return m;
    }

    private static double min(double[] values, long n, int bars) {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < bars; k++) {
            m = Math.min(m, values[slot(n, k)]);
        }
        return m;
    }

    /** Ring slot of the k-th most recent of {@code n} closed bars (k = 0 is the newest). */
    private static int slot(long n, int k) {
        return (int) ((n - 1 - k) % VWAP_LONG);
    }
}
