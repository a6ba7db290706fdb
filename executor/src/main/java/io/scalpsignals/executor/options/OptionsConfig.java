package io.scalpsignals.executor.options;

import java.time.ZoneId;

/**
 * Contract selection for the {@code options-0dte} profile (SPEC.md §5; the replaced system's
 * scalp configuration). Every {@code _pct} is a fraction.
 *
 * @param targetDelta |delta| aimed at (0.35)
 * @param minDelta lowest |delta| accepted (0.30)
 * @param maxDelta highest |delta| accepted (0.40)
 * @param maxSpreadPct largest {@code (ask - bid) / mid} accepted (0.05)
 * @param minOpenInterest open interest must be above this (500)
 * @param maxContractPrice the ask must be under this, per share (5.0)
 * @param prefer0dte same-day expiry first; when no same-day contract passes, the next trading day's
 *     (1DTE) are considered (true); false considers only same-day contracts
 * @param maxChainAgeSec a snapshot older than this at decision time is stale, not used (60)
 * @param zone the exchange's time zone, for "today" ({@code America/New_York})
 */
public record OptionsConfig(double targetDelta, double minDelta, double maxDelta, double maxSpreadPct, long minOpenInterest,
        double maxContractPrice, boolean prefer0dte, long maxChainAgeSec, ZoneId zone) {

    public OptionsConfig {
        if (!(0 < minDelta && minDelta <= targetDelta && targetDelta <= maxDelta && maxDelta <= 1)) {
            throw new IllegalArgumentException("option deltas: need 0 < min <= target <= max <= 1, got "
                    + minDelta + " / " + targetDelta + " / " + maxDelta);
        }
        if (maxSpreadPct <= 0 || maxContractPrice <= 0 || minOpenInterest < 0 || maxChainAgeSec <= 0) {
            throw new IllegalArgumentException("option limits: spread, price and chain age must be > 0, open interest >= 0");
        }
    }

    public static OptionsConfig defaults() {
        return new OptionsConfig(0.35, 0.30, 0.40, 0.05, 500, 5.0, true, 60, ZoneId.of("America/New_York"));
    }
}
