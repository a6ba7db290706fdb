package io.scalpsignals.model;

/**
 * The per-tick feature record of SPEC.md §2 (one per accepted tick; the {@code features}
 * output). Undefined values are {@code NaN} and are written as JSON {@code null}.
 *
 * <p>Velocities and returns are fractions ({@code 0.01} is 1 %); {@code speed30s} is a fraction
 * per second. Prices are in quote currency.
 *
 * @param symbol instrument
 * @param ts event time of the tick, epoch ms
 * @param price the tick's price
 * @param size the tick's size
 * @param vel5s {@code (p - ref(5)) / ref(5)}, or NaN without a reference price
 * @param vel15s same over 15 s
 * @param vel30s same over 30 s
 * @param vel60s same over 60 s
 * @param speed30s {@code vel30s / 30}, fraction per second
 * @param ret5m crash-guard return {@code (p - ref(300)) / ref(300)}
 * @param volumeRatio per-minute volume of the last 300 s over that of the 3600 s before
 * @param vwap session VWAP up to and including this tick
 * @param vwapSigma volume-weighted standard deviation of the session's prices around the VWAP
 * @param vwapUpper1 {@code vwap + sigma}
 * @param vwapLower1 {@code vwap - sigma}
 * @param vwapUpper2 {@code vwap + 2 sigma}
 * @param vwapLower2 {@code vwap - 2 sigma}
 * @param spreadPct quoted spread {@code (ask - bid) / ((ask + bid) / 2)} as a fraction, NaN
 *     when the tick carries no quotes
 * @param imbalance top-of-book imbalance {@code (bid_size - ask_size) / (bid_size + ask_size)},
 *     -1..1, NaN without quote sizes
 */
public record TickFeatures(
        String symbol,
        long ts,
        double price,
        double size,
        double vel5s,
        double vel15s,
        double vel30s,
        double vel60s,
        double speed30s,
        double ret5m,
        double volumeRatio,
        double vwap,
        double vwapSigma,
        double vwapUpper1,
        double vwapLower1,
        double vwapUpper2,
        double vwapLower2,
        double spreadPct,
        double imbalance) {}
