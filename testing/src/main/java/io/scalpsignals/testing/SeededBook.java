package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded top of book for trades that have none: each trade gets a best bid and ask around its
 * price and sizes at both, so that a quote-less file (the shared tardis and freqtrade trades, the
 * synthetic markets) becomes a data set with quotes for the order-book trigger and exit (SPEC.md
 * §4 {@code book_imbalance}, §7 {@code MARKET_REVERSAL}, limit entries). The same seed and the
 * same trades give the same book.
 *
 * <p>Per symbol, in event time, the book switches between regimes ({@link Regime}): runs where
 * the bid or the ask side is heavy (imbalance 0.6 to 0.95 towards it, for 3 to 40 s, now and then
 * a tick that falls back to 0.5), balanced stretches (imbalance within ±0.5, 5 to 60 s) and short
 * stretches without quotes (1 to 5 s). The spread is 0.1 to 1 bp of the price, and 6 bp (too wide
 * for book_imbalance) for one tick in twenty; a trade whose aggressor bought is at the ask, one
 * that sold at the bid, one of unknown side at the mid. Depth {@code bid_size + ask_size} is
 * log-normal around 20 units and split by the regime's imbalance; sizes are rounded to 0.001.
 */
public final class SeededBook {

    /** The book's regimes, each with its share of the switches. */
    public enum Regime {
        BID_HEAVY,
        ASK_HEAVY,
        BALANCED,
        NO_QUOTES
    }

    private final long seed;
    private final Map<String, State> symbols = new HashMap<>();

    private static final class State {
        final SplittableRandom random;
        Regime regime = Regime.BALANCED;
        long regimeEnd = Long.MIN_VALUE;

        State(SplittableRandom random) {
            this.random = random;
        }
    }

    /** @param seed the random seed; each symbol's book draws from its own stream of it */
    public SeededBook(long seed) {
        this.seed = seed;
    }

    /**
     * {@code t} with a top of book, or without quotes during a {@link Regime#NO_QUOTES} stretch.
     * Call with each symbol's trades in order.
     */
    public Tick quote(Tick t) {
        State s = symbols.computeIfAbsent(
                t.symbol(), k -> new State(new SplittableRandom(seed ^ (k.hashCode() * 0x9E3779B97F4A7C15L))));
        SplittableRandom r = s.random;
        if (t.ts() >= s.regimeEnd) {
            double x = r.nextDouble();
            s.regime = x < 0.3
                    ? Regime.BID_HEAVY
                    : x < 0.6 ? Regime.ASK_HEAVY : x < 0.95 ? Regime.BALANCED : Regime.NO_QUOTES;
            s.regimeEnd = t.ts()
                    + switch (s.regime) {
                        case BID_HEAVY, ASK_HEAVY -> 3_000 + r.nextInt(37_000);
                        case BALANCED -> 5_000 + r.nextInt(55_000);
                        case NO_QUOTES -> 1_000 + r.nextInt(4_000);
                    };
        }
        if (s.regime == Regime.NO_QUOTES) {
            return new Tick(
                    t.symbol(), t.ts(), t.price(), t.size(), t.side(), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double imbalance = switch (s.regime) {
            case BID_HEAVY -> r.nextInt(25) == 0 ? 0.5 : 0.6 + 0.35 * r.nextDouble();
            case ASK_HEAVY -> r.nextInt(25) == 0 ? -0.5 : -0.6 - 0.35 * r.nextDouble();
            default -> -0.5 + r.nextDouble();
        };
        double spread = r.nextInt(20) == 0 ? 0.0006 : 0.00001 + 0.00009 * r.nextDouble();
        double bid;
        double ask;
        if ("buy".equals(t.side())) {
            ask = t.price();
            bid = t.price() * (1 - spread);
        } else if ("sell".equals(t.side())) {
            bid = t.price();
            ask = t.price() * (1 + spread);
        } else {
            bid = t.price() * (1 - spread / 2);
            ask = t.price() * (1 + spread / 2);
        }
        double depth = 20 * Math.exp(0.5 * gaussian(r));
        double bidSize = Math.max(0.001, Math.round(depth * (1 + imbalance) / 2 * 1000) / 1000.0);
        double askSize = Math.max(0.001, Math.round(depth * (1 - imbalance) / 2 * 1000) / 1000.0);
        return new Tick(t.symbol(), t.ts(), t.price(), t.size(), t.side(), bid, ask, bidSize, askSize);
    }

    /** The header of {@link #csvLine}'s lines: SPEC.md §1's csv columns with side and quotes. */
    public static final String CSV_HEADER = "symbol,ts,price,size,side,bid,ask,bid_size,ask_size";

    /**
     * Writes {@code ticks} with this book as csv, {@link #CSV_HEADER} first.
     *
     * @throws IOException when {@code out} cannot be written
     */
    public void writeCsv(List<Tick> ticks, Path out) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write(CSV_HEADER + "\n");
            for (Tick t : ticks) {
                w.write(csvLine(quote(t)));
            }
        }
    }

    /** {@code t} as a line under {@link #CSV_HEADER}, newline included; empty fields where it has no side or no quotes. */
    public static String csvLine(Tick t) {
        return t.symbol() + "," + t.ts() + "," + t.price() + "," + t.size() + "," + (t.side() == null ? "" : t.side())
                + "," + field(t.bid()) + "," + field(t.ask()) + "," + field(t.bidSize()) + "," + field(t.askSize())
                + "\n";
    }

    private static String field(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** A standard normal draw (Box–Muller; {@link SplittableRandom} has none). */
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
