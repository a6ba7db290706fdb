package io.scalpsignals.model;

import javax.annotation.Nullable;

/**
 * One trade (SPEC.md §1), validated.
 *
 * <p>Absent optional numbers are {@code NaN} rather than boxed nulls, so that a tick costs no
 * extra allocation on the hot path and every comparison with an absent value is false, exactly
 * as SPEC.md §4 wants for nulls. They are written as JSON {@code null}.
 *
 * @param symbol instrument, matches {@code [A-Za-z0-9._:/-]{1,32}}
 * @param ts event time of the trade, epoch milliseconds UTC
 * @param price trade price in quote currency, finite and &gt; 0
 * @param size trade size in base units, finite and &gt; 0
 * @param side aggressor side, {@code "buy"} or {@code "sell"}, or null when unknown
 * @param bid best bid at the trade, or NaN when the tick carries no quotes
 * @param ask best ask at the trade, or NaN; {@code bid <= ask} when both are present
 * @param bidSize size at the best bid, or NaN
 * @param askSize size at the best ask, or NaN
 */
public record Tick(
        String symbol,
        long ts,
        double price,
        double size,
        @Nullable String side,
        double bid,
        double ask,
        double bidSize,
        double askSize) {

    /** A trade without side or quotes. */
    public static Tick trade(String symbol, long ts, double price, double size) {
        return new Tick(symbol, ts, price, size, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** This tick {@code ms} milliseconds later. */
    public Tick shifted(long ms) {
        return new Tick(symbol, ts + ms, price, size, side, bid, ask, bidSize, askSize);
    }

    /**
     * The top-of-book imbalance {@code (bid_size - ask_size) / (bid_size + ask_size)} in [-1, 1]
     * (SPEC.md §4 {@code book_imbalance}, §7 {@code MARKET_REVERSAL}); NaN unless the tick has
     * quotes and {@code bid_size + ask_size > 0}.
     */
    public double imbalance() {
        double depth = bidSize + askSize;
        return hasQuotes() && depth > 0 ? (bidSize - askSize) / depth : Double.NaN;
    }

    /** True when both {@link #bid()} and {@link #ask()} are present. */
    public boolean hasQuotes() {
        return !Double.isNaN(bid) && !Double.isNaN(ask);
    }
}
