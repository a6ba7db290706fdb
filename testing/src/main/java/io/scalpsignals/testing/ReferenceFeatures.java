package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately plain implementation of SPEC.md §2 for tests: it keeps every tick of a symbol
 * and recomputes each value from its definition (buckets in a sorted map, sums by iteration,
 * a two-pass VWAP sigma over the session). Quadratic, and independent of the job's cursors and
 * running sums. Sessions are UTC days.
 */
public final class ReferenceFeatures {

    private static final long HISTORY = 3900;
    private static final long RECENT = 300;

    private ReferenceFeatures() {}

    /**
     * The feature record of the tick at {@code index} of {@code ticks} (one symbol, accepted, in
     * order); NaN where SPEC.md says null.
     */
    public static TickFeatures at(List<Tick> ticks, int index) {
        Tick t = ticks.get(index);
        long b = Math.floorDiv(t.ts(), 1000L);
        TreeMap<Long, double[]> buckets = new TreeMap<>();
        for (int i = 0; i <= index; i++) {
            Tick x = ticks.get(i);
            double[] cell = buckets.computeIfAbsent(Math.floorDiv(x.ts(), 1000L), k -> new double[2]);
            cell[0] = x.price();
            cell[1] += x.size();
        }
        double p = t.price();
        double vel5 = vel(buckets, b, 5, p);
        double vel15 = vel(buckets, b, 15, p);
        double vel30 = vel(buckets, b, 30, p);
        double vel60 = vel(buckets, b, 60, p);
        double ret5m = vel(buckets, b, 300, p);

        double cur = sum(buckets, b - RECENT, b) / 5.0;
        double base = sum(buckets, b - HISTORY, b - RECENT) / 60.0;
        long firstBucket = Math.floorDiv(ticks.get(0).ts(), 1000L);
        double ratio = firstBucket > b - HISTORY || base == 0 ? Double.NaN : cur / base;

        long day = Math.floorDiv(t.ts(), 86_400_000L);
        List<Tick> session = new ArrayList<>();
        for (int i = 0; i <= index; i++) {
            if (Math.floorDiv(ticks.get(i).ts(), 86_400_000L) == day) {
                session.add(ticks.get(i));
            }
        }
        double pv = 0;
        double v = 0;
        for (Tick x : session) {
            pv += x.price() * x.size();
            v += x.size();
        }
        double vwap = pv / v;
        double dev = 0;
        for (Tick x : session) {
            dev += x.size() * (x.price() - vwap) * (x.price() - vwap);
        }
        double sigma = Math.sqrt(dev / v);
        double mid = (t.bid() + t.ask()) / 2;
        double spread = t.hasQuotes() ? (t.ask() - t.bid()) / mid : Double.NaN;
        double imbalance = Double.isNaN(t.bidSize() + t.askSize()) || t.bidSize() + t.askSize() == 0
                ? Double.NaN
                : (t.bidSize() - t.askSize()) / (t.bidSize() + t.askSize());
        return new TickFeatures(
                t.symbol(),
                t.ts(),
                p,
                t.size(),
                vel5,
                vel15,
                vel30,
                vel60,
                vel30 / 30.0,
                ret5m,
                ratio,
                vwap,
                sigma,
                vwap + sigma,
                vwap - sigma,
                vwap + 2 * sigma,
                vwap - 2 * sigma,
                spread,
                imbalance);
    }

    /** {@code (p - ref(W)) / ref(W)} with ref the close of the latest bucket in (B-3900, B-W]. */
    private static double vel(TreeMap<Long, double[]> buckets, long b, long w, double p) {
        Map.Entry<Long, double[]> ref = buckets.floorEntry(b - w);
        if (ref == null || ref.getKey() <= b - HISTORY) {
            return Double.NaN;
        }
        return (p - ref.getValue()[0]) / ref.getValue()[0];
    }

    /** Summed size of the buckets in (from, to]. */
    private static double sum(TreeMap<Long, double[]> buckets, long from, long to) {
        double s = 0;
        for (double[] cell : buckets.subMap(from, false, to, true).values()) {
            s += cell[1];
        }
        return s;
    }
}
