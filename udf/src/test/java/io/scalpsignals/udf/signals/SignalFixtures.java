package io.scalpsignals.udf.signals;

import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.Ticks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Ticks with chosen features, for trigger and gate tests (times are offsets from T0). */
final class SignalFixtures {

    static final double NAN = Double.NaN;
    static final String SYMBOL = "BTCUSDT";

    private SignalFixtures() {}

    /** A feature record with the fields the triggers and the gate read; the rest undefined. */
    static TickFeatures features(
            long offsetMs,
            double price,
            double vwap,
            double volumeRatio,
            double vel30s,
            double ret5m,
            double spreadPct) {
        return new TickFeatures(
                SYMBOL,
                Ticks.T0 + offsetMs,
                price,
                1.0,
                NAN,
                NAN,
                vel30s,
                NAN,
                vel30s / 30,
                ret5m,
                volumeRatio,
                vwap,
                NAN,
                NAN,
                NAN,
                NAN,
                NAN,
                spreadPct,
                NAN);
    }

    /** A tick at a VWAP of 100: ABOVE from 100.1, BELOW to 99.9, TOUCH within 99.95..100.05. */
    static SymbolTick vwapTick(long offsetMs, double price, double volumeRatio, long seq) {
        return new SymbolTick(features(offsetMs, price, 100.0, volumeRatio, NAN, NAN, NAN), NAN, NAN, seq);
    }

    /** A tick under breakout levels {@code high} and {@code low}. */
    static SymbolTick levelTick(long offsetMs, double price, double high, double low, double volumeRatio, long seq) {
        return new SymbolTick(features(offsetMs, price, price, volumeRatio, NAN, NAN, NAN), high, low, seq);
    }

    /**
     * A symbol's ticks around a VWAP of 100 with 15 s bars whose breakout levels follow the
     * price; about 1.3 ticks/s, as in SPEC.md's measurement. They wander through every zone and
     * across the breakout levels.
     *
     * @param equalTimestamps whether about one tick in eight shares its predecessor's {@code ts}
     */
    static List<SymbolTick> randomTicks(Random r, int n, boolean equalTimestamps) {
        List<SymbolTick> out = new ArrayList<>(n);
        double[] ratios = {Double.NaN, 0.8, 1.1999, 1.2, 1.5, 2.5};
        long ts = 0;
        double price = 100.0;
        double high = 100.2;
        double low = 99.8;
        long bar = 0;
        for (int i = 0; i < n; i++) {
            ts += equalTimestamps && r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(1_500);
            if (ts / 15_000 != bar) {
                bar = ts / 15_000;
                high = Math.max(price, 100) + 0.05 + r.nextDouble() * 0.1;
                low = Math.min(price, 100) - 0.05 - r.nextDouble() * 0.1;
            }
            price += r.nextGaussian() * 0.04 + (100 - price) * 0.01;
            double vr = ratios[r.nextInt(ratios.length)];
            out.add(new SymbolTick(features(ts, price, 100.0, vr, NAN, NAN, NAN), high, low, i));
        }
        return out;
    }
}
