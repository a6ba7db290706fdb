package io.scalpsignals.executor;

import java.math.BigDecimal;

/**
 * The executor's guardrails and ledger settings (SPEC.md §7), with SPEC's defaults. Fractions are
 * fractions (0.10 is 10 %), durations carry their unit.
 *
 * @param maxSignalAgeSec a signal older than this against the executor clock is STALE_SIGNAL
 * @param minConfidence below it LOW_CONFIDENCE
 * @param maxDailyTrades opens per UTC day before MAX_DAILY_TRADES
 * @param maxDrawdownPct equity this far below its peak is DRAWDOWN_GUARD
 * @param maxConsecutiveLosses losing trades in a row that start the loss cooldown
 * @param cooldownAfterLossSec the loss cooldown (CONSECUTIVE_LOSSES)
 * @param maxPositions open positions before MAX_POSITIONS
 * @param minAvailable available balance below which INSUFFICIENT_MARGIN, quote units
 * @param startingBalance the paper wallet, quote units
 * @param slippagePct paper fills move against the order by this fraction
 * @param feePct fee per side, fraction of the notional
 * @param monitorIntervalSec the exit monitor's period
 * @param intentTtlSec how long intent ids are remembered
 * @param defaultTimeInTradeLimitSec time limit of a signal that has none
 * @param enableReverse REVERSE closes and opens the other way (else it only closes)
 */
public record ExecutorConfig(
        long maxSignalAgeSec,
        int minConfidence,
        int maxDailyTrades,
        double maxDrawdownPct,
        int maxConsecutiveLosses,
        long cooldownAfterLossSec,
        int maxPositions,
        BigDecimal minAvailable,
        BigDecimal startingBalance,
        double slippagePct,
        double feePct,
        long monitorIntervalSec,
        long intentTtlSec,
        long defaultTimeInTradeLimitSec,
        boolean enableReverse) {

    public static ExecutorConfig defaults() {
        return new ExecutorConfig(30, 50, 200, 0.10, 3, 300, 3, new BigDecimal("10"), new BigDecimal("10000"),
                0.0002, 0.00055, 30, 21_600, 2_400, false);
    }
}
