package io.scalpsignals.model;

/**
 * A closed event-time bar with its indicators (SPEC.md §3; the {@code bars} output). Indicators
 * are {@code NaN} (JSON {@code null}) until their window is full.
 *
 * @param symbol instrument
 * @param barStart start of the bar, epoch ms, a multiple of {@code bar_sec * 1000}
 * @param open first trade price
 * @param high highest trade price
 * @param low lowest trade price
 * @param close last trade price
 * @param volume summed trade size, base units
 * @param trades number of trades
 * @param vwap20 trade-weighted VWAP over the trades of the last 20 bars (this one included)
 * @param vwap50 same over 50 bars
 * @param rsi7 Wilder RSI over 7 close-to-close changes, 0..100
 * @param willr7 Williams %R over the last 7 bars, -100..0; NaN when their high equals their low
 * @param ema3 EMA of closes, alpha 2/4, seeded with the mean of the first 3 closes
 * @param ema5 EMA, alpha 2/6
 * @param ema8 EMA, alpha 2/9
 * @param donchianHigh20 highest high of the 20 bars before this one
 * @param donchianLow20 lowest low of the 20 bars before this one
 */
public record Bar(
        String symbol,
        long barStart,
        double open,
        double high,
        double low,
        double close,
        double volume,
        long trades,
        double vwap20,
        double vwap50,
        double rsi7,
        double willr7,
        double ema3,
        double ema5,
        double ema8,
        double donchianHigh20,
        double donchianLow20) {}
