package io.scalpsignals.executor;

import java.math.BigDecimal;
import java.util.Map;

import javax.annotation.Nullable;

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
 * @param defaultCooldownSec cooldown of a signal that carries none
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
        boolean enableReverse,
        long defaultCooldownSec) {

    /** Whether {@code equity} is more than {@code max_drawdown_pct} below {@code peak} (SPEC §7 DRAWDOWN_GUARD). */
    public boolean drawdownGuardActive(BigDecimal equity, BigDecimal peak) {
        return equity.compareTo(peak.multiply(BigDecimal.valueOf(1 - maxDrawdownPct))) < 0;
    }

    public static ExecutorConfig defaults() {
        return new ExecutorConfig(30, 50, 200, 0.10, 3, 300, 3, new BigDecimal("10"), new BigDecimal("10000"),
                0.0002, 0.00055, 30, 21_600, 2_400, false, 0);
    }

    /**
     * The defaults with the settings of the system this executor replaces, where set:
     * {@code DEFAULT_TIME_IN_TRADE_LIMIT_SEC}, {@code POSITION_MANAGER_ENABLE_REVERSE} and
     * {@code BYBIT_HEDGE_MODE}, which must not be {@code true}: the executor keeps one position
     * per symbol (one-way mode); {@code COOLDOWN_MINUTES}, the cooldown of signals that carry
     * none.
     *
     * @throws IllegalArgumentException naming the variable and why
     */
    public static ExecutorConfig fromEnvironment(Map<String, String> env) {
        ExecutorConfig d = defaults();
        if (Boolean.parseBoolean(env.getOrDefault("BYBIT_HEDGE_MODE", "false").strip())) {
            throw new IllegalArgumentException("BYBIT_HEDGE_MODE=true is not supported: the executor trades in one-way"
                    + " mode (one position per symbol); set it to false and switch the account to one-way mode");
        }
        long timeLimit = d.defaultTimeInTradeLimitSec();
        String limit = env.get("DEFAULT_TIME_IN_TRADE_LIMIT_SEC");
        if (limit != null) {
            try {
                timeLimit = Long.parseLong(limit.strip());
            } catch (NumberFormatException e) {
                timeLimit = -1;
            }
            if (timeLimit <= 0) {
                throw new IllegalArgumentException("DEFAULT_TIME_IN_TRADE_LIMIT_SEC: must be a whole number of seconds > 0, got '" + limit + "'");
            }
        }
        boolean reverse = Boolean.parseBoolean(env.getOrDefault("POSITION_MANAGER_ENABLE_REVERSE", "false").strip());
        return new ExecutorConfig(d.maxSignalAgeSec(), d.minConfidence(), d.maxDailyTrades(), d.maxDrawdownPct(),
                d.maxConsecutiveLosses(), d.cooldownAfterLossSec(), d.maxPositions(), d.minAvailable(), d.startingBalance(),
                d.slippagePct(), d.feePct(), d.monitorIntervalSec(), d.intentTtlSec(), timeLimit, reverse,
                cooldownSeconds(env.get("COOLDOWN_MINUTES")));
    }

    private static long cooldownSeconds(@Nullable String v) {
        if (v == null) {
            return 0;
        }
        try {
            double minutes = Double.parseDouble(v.strip());
            if (minutes >= 0 && Double.isFinite(minutes)) {
                return Math.round(minutes * 60);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("COOLDOWN_MINUTES: must be a number of minutes >= 0, got '" + v + "'");
    }
}
