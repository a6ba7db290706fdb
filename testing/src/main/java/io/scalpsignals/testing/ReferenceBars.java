package io.scalpsignals.testing;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain implementation of SPEC.md §3 for tests: builds all bars of one symbol's ticks, then
 * computes each indicator from its definition over the list of bars.
 */
public final class ReferenceBars {

    private ReferenceBars() {}

    /**
     * Every bar of {@code ticks} (one symbol, in order), the last closed at the end; NaN where
     * SPEC.md says null.
     */
    public static List<Bar> of(List<Tick> ticks, long barMs) {
        List<List<Tick>> groups = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (Tick t : ticks) {
            long start = Math.floorDiv(t.ts(), barMs) * barMs;
            if (start != current) {
                groups.add(new ArrayList<>());
                current = start;
            }
            groups.get(groups.size() - 1).add(t);
        }
        int n = groups.size();
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] pv = new double[n];
        double[] vol = new double[n];
        for (int i = 0; i < n; i++) {
            List<Tick> g = groups.get(i);
            high[i] = g.stream().mapToDouble(Tick::price).max().orElseThrow();
            low[i] = g.stream().mapToDouble(Tick::price).min().orElseThrow();
            close[i] = g.get(g.size() - 1).price();
            for (Tick t : g) {
                pv[i] += t.price() * t.size();
                vol[i] += t.size();
            }
        }
        double[] rsi = rsi(close, 7);
        double[] ema3 = ema(close, 3);
        double[] ema5 = ema(close, 5);
        double[] ema8 = ema(close, 8);
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Tick> g = groups.get(i);
            double hh7 = i >= 6 ? max(high, i - 6, i) : Double.NaN;
            double ll7 = i >= 6 ? min(low, i - 6, i) : Double.NaN;
            double willr = i >= 6 && hh7 != ll7 ? -100 * (hh7 - close[i]) / (hh7 - ll7) : Double.NaN;
            out.add(new Bar(
                    g.get(0).symbol(),
                    Math.floorDiv(g.get(0).ts(), barMs) * barMs,
                    g.get(0).price(),
                    high[i],
                    low[i],
                    close[i],
                    vol[i],
                    g.size(),
                    i >= 19 ? ratio(pv, vol, i - 19, i) : Double.NaN,
                    i >= 49 ? ratio(pv, vol, i - 49, i) : Double.NaN,
                    rsi[i],
                    willr,
                    ema3[i],
                    ema5[i],
                    ema8[i],
                    i >= 20 ? max(high, i - 20, i - 1) : Double.NaN,
                    i >= 20 ? min(low, i - 20, i - 1) : Double.NaN));
        }
        return out;
    }

    private static double[] rsi(double[] close, int period) {
        double[] out = new double[close.length];
        java.util.Arrays.fill(out, Double.NaN);
        if (close.length <= period) {
            return out;
        }
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= period; i++) {
            double d = close[i] - close[i - 1];
            gain += Math.max(d, 0);
            loss += Math.max(-d, 0);
        }
        gain /= period;
        loss /= period;
        out[period] = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss);
        for (int i = period + 1; i < close.length; i++) {
            double d = close[i] - close[i - 1];
            gain = (gain * (period - 1) + Math.max(d, 0)) / period;
            loss = (loss * (period - 1) + Math.max(-d, 0)) / period;
            out[i] = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss);
        }
        return out;
    }

    private static double[] ema(double[] close, int n) {
        double[] out = new double[close.length];
        java.util.Arrays.fill(out, Double.NaN);
        if (close.length < n) {
            return out;
        }
        double seed = 0;
        for (int i = 0; i < n; i++) {
            seed += close[i];
        }
        out[n - 1] = seed / n;
        double alpha = 2.0 / (n + 1);
        for (int i = n; i < close.length; i++) {
            out[i] = alpha * close[i] + (1 - alpha) * out[i - 1];
        }
        return out;
    }

    private static double ratio(double[] pv, double[] vol, int from, int to) {
        double a = 0;
        double b = 0;
        for (int i = from; i <= to; i++) {
            a += pv[i];
            b += vol[i];
        }
        return a / b;
    }

    private static double max(double[] v, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i <= to; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }

    private static double min(double[] v, int from, int to) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = from; i <= to; i++) {
            m = Math.min(m, v[i]);
        }
        return m;
    }
}
