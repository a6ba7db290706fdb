package io.scalpsignals.udf.signals;

import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.Ticks;
import io.scalpsignals.udf.triggers.SymbolTick;

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

    /** {@code f} with the quotes' {@code spread_pct} and {@code imbalance} in place of its own. */
    static TickFeatures withBook(TickFeatures f, double spreadPct, double imbalance) {
        return new TickFeatures(
                f.symbol(),
                f.ts(),
                f.price(),
                f.size(),
                f.vel5s(),
                f.vel15s(),
                f.vel30s(),
                f.vel60s(),
                f.speed30s(),
                f.ret5m(),
                f.volumeRatio(),
                f.vwap(),
                f.vwapSigma(),
                f.vwapUpper1(),
                f.vwapLower1(),
                f.vwapUpper2(),
                f.vwapLower2(),
                spreadPct,
                imbalance);
    }

    /** A tick with a top of book: its {@code imbalance}, {@code spread_pct} and {@code volume_ratio}. */
    static SymbolTick bookTick(long offsetMs, double imbalance, double spreadPct, double volumeRatio, long seq) {
        TickFeatures f = features(offsetMs, 100.0, 100.0, volumeRatio, NAN, NAN, NAN);
        return new SymbolTick(withBook(f, spreadPct, imbalance), NAN, NAN, seq);
    }

    /** The top-of-book regimes of {@link #withBook(List, Random)}. */
    enum Book {
        /** Imbalance 0.6 to 1, now and then a dip to 0.55 that breaks a long run. */
        BID_HEAVY,
        /** The mirror of {@link #BID_HEAVY}. */
        ASK_HEAVY,
        /** Imbalance anywhere in [-0.7, 0.7]. */
        BALANCED,
        /** Imbalance at and just around the thresholds: ±0.5999, ±0.6, ±0.6001. */
        HOVER,
        /** Ticks without quotes. */
        NO_QUOTES
    }

    /**
     * {@code ticks} with a seeded top of book in runs ({@link Book}), switching every 0.5 to 15 s
     * of event time: the imbalance and spread of each tick replaced (spread 0.0002 mostly, 0.0005
     * and 0.0006 now and then, to cross book_imbalance's spread limit), every other field kept.
     */
    static List<SymbolTick> withBook(List<SymbolTick> ticks, Random r) {
        double[] hover = {0.5999, 0.6, 0.6001, -0.5999, -0.6, -0.6001};
        double[] spreads = {0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0002, 0.0005, 0.0006};
        List<SymbolTick> out = new ArrayList<>(ticks.size());
        Book book = Book.BALANCED;
        long bookEnd = Long.MIN_VALUE;
        for (SymbolTick t : ticks) {
            if (t.ts() >= bookEnd) {
                book = Book.values()[r.nextInt(Book.values().length)];
                bookEnd = t.ts() + 500 + r.nextInt(14_500);
            }
            double imbalance = switch (book) {
                case BID_HEAVY -> r.nextInt(30) == 0 ? 0.55 : 0.6 + 0.4 * r.nextDouble();
                case ASK_HEAVY -> r.nextInt(30) == 0 ? -0.55 : -0.6 - 0.4 * r.nextDouble();
                case BALANCED -> -0.7 + 1.4 * r.nextDouble();
                case HOVER -> hover[r.nextInt(hover.length)];
                case NO_QUOTES -> NAN;
            };
            double spread = book == Book.NO_QUOTES ? NAN : spreads[r.nextInt(spreads.length)];
            out.add(new SymbolTick(withBook(t.features(), spread, imbalance), t.levelHigh(), t.levelLow(), t.seq()));
        }
        return out;
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

    /** The market regimes of {@link #adversarialTicks}. */
    enum Regime {
        /** A tick every 0.2 to 1.5 s, a small random walk. */
        CALM,
        /** A tick every 0 to {@code stepMs} ms (equal timestamps too), most with high volume, a steady drift. */
        SURGE,
        /** Every tick in another VWAP zone (ABOVE, TOUCH, NEUTRAL, BELOW) with random volume. */
        HOVER_VWAP,
        /** Every tick just beyond, at or just inside a breakout level, most with the volume to break. */
        HOVER_LEVEL,
        /** One silence chosen around the windows: 4.9 to 5.1 s, 24 to 31 s, 119 to 121 s or 200 s. */
        GAP
    }

    /**
     * A symbol's ticks in the regimes that make CEP expensive or a reduced feed wrong, switching
     * every 1 to 20 s of event time at random ({@link Regime}), around a VWAP of 100, with 15 s
     * bars whose breakout levels change every bar (a third of the time to the previous bar's
     * value). Deterministic for a seeded {@code r}.
     *
     * @param surgeShare the probability of a surge at each switch (the rest shared equally)
     * @param stepMs the most ms between two ticks of a surge or a hover (the least is 0)
     */
    static List<SymbolTick> adversarialTicks(Random r, int n, double surgeShare, int stepMs) {
        List<SymbolTick> out = new ArrayList<>(n);
        double[] ratios = {Double.NaN, 0.8, 1.1999, 1.2, 1.5, 2.5};
        double[] vwapOffsets = {0.0012, 0.001, 0.0004, 0.0005, 0.0007, -0.0012, -0.001, -0.0004, -0.0005, -0.0007};
        double[] levelOffsets = {0.0006, 0.0005, 0.0001, 0.0, -0.0001};
        long ts = 0;
        double price = 100.0;
        double high = 100.2;
        double low = 99.8;
        long bar = 0;
        Regime regime = Regime.CALM;
        long regimeEnd = 0;
        double drift = 0;
        for (int i = 0; i < n; i++) {
            if (ts >= regimeEnd) {
                Regime[] others = {Regime.CALM, Regime.HOVER_VWAP, Regime.HOVER_LEVEL, Regime.GAP};
                regime = r.nextDouble() < surgeShare ? Regime.SURGE : others[r.nextInt(others.length)];
                regimeEnd = ts + 1_000 + r.nextInt(19_000);
                drift = (r.nextBoolean() ? 1 : -1) * (0.00001 + r.nextDouble() * 0.00004);
            }
            switch (regime) {
                case CALM -> ts += 200 + r.nextInt(1_300);
                case SURGE, HOVER_VWAP, HOVER_LEVEL -> ts += r.nextInt(stepMs + 1);
                case GAP -> {
                    long[][] gaps = {{4_900, 5_100}, {24_000, 31_000}, {119_000, 121_000}, {200_000, 200_001}};
                    long[] g = gaps[r.nextInt(gaps.length)];
                    ts += g[0] + (long) (r.nextDouble() * (g[1] - g[0]));
                    regime = Regime.CALM;
                }
            }
            if (ts / 15_000 != bar) {
                bar = ts / 15_000;
                if (r.nextInt(3) != 0) {
                    high = Math.max(price, 100) * (1 + 0.0002 + r.nextDouble() * 0.002);
                    low = Math.min(price, 100) * (1 - 0.0002 - r.nextDouble() * 0.002);
                }
            }
            double vr = ratios[r.nextInt(ratios.length)];
            switch (regime) {
                case SURGE -> {
                    if (Math.abs(price / 100 - 1) > 0.02) {
                        drift = -Math.signum(price / 100 - 1) * Math.abs(drift);
                    }
                    price *= 1 + drift + r.nextGaussian() * 0.00005;
                    vr = r.nextInt(5) == 0 ? ratios[r.nextInt(ratios.length)] : 2.5;
                }
                case HOVER_VWAP -> price = 100.0 * (1 + vwapOffsets[r.nextInt(vwapOffsets.length)]);
                case HOVER_LEVEL -> {
                    double level = drift > 0 ? high : low;
                    double offset = levelOffsets[r.nextInt(levelOffsets.length)];
                    price = level * (1 + (drift > 0 ? offset : -offset));
                    vr = r.nextInt(4) == 0 ? 0.8 : 2.5;
                }
                default -> price += r.nextGaussian() * 0.04 + (100 - price) * 0.01;
            }
            out.add(new SymbolTick(features(ts, price, 100.0, vr, NAN, NAN, NAN), high, low, i));
        }
        return out;
    }
}
