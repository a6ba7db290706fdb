package io.scalpsignals.executor.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The executor's guardrails and ledger settings (SPEC.md §7), with SPEC's defaults. Fractions are
 * fractions (0.10 is 10 %), durations carry their unit. Each has a {@code snake_case} key for
 * {@code --exec-config FILE} and {@code --exec KEY=VALUE} (named in parentheses below; {@code
 * deploy/config/executor.yaml} lists them all).
 *
 * @param maxSignalAgeSec a signal older than this against the executor clock is STALE_SIGNAL ({@code max_signal_age_sec} 30)
 * @param minConfidence below it LOW_CONFIDENCE ({@code min_confidence} 50)
 * @param maxDailyTrades opens per UTC day before MAX_DAILY_TRADES ({@code max_daily_trades} 200)
 * @param maxDrawdownPct equity this far below its peak is DRAWDOWN_GUARD ({@code drawdown_guard_pct} 0.10)
 * @param maxConsecutiveLosses losing trades in a row that start the loss cooldown ({@code loss_streak} 3)
 * @param cooldownAfterLossSec the loss cooldown, CONSECUTIVE_LOSSES ({@code cooldown_after_loss_sec} 300)
 * @param maxPositions open positions before MAX_POSITIONS ({@code max_positions} 3)
 * @param minAvailable available balance below which INSUFFICIENT_MARGIN, quote units ({@code min_available_balance} 10)
 * @param startingBalance the paper wallet, quote units ({@code starting_balance} 10000)
 * @param slippagePct paper fills move against the order by this fraction ({@code slippage_pct} 0.0002)
 * @param feePct fee per side, fraction of the notional ({@code fee_pct} 0.00055)
 * @param monitorIntervalSec the exit monitor's period ({@code monitor_interval_sec} 30)
 * @param intentTtlSec how long intent ids are remembered ({@code intent_ttl_sec} 21600)
 * @param defaultTimeInTradeLimitSec time limit of a signal that has none ({@code default_time_in_trade_limit_sec} 2400)
 * @param enableReverse REVERSE closes and opens the other way, else it only closes ({@code enable_reverse} false)
 * @param defaultCooldownSec cooldown of a signal that carries none ({@code default_cooldown_sec} 0)
 * @param reversalExitTriggers the triggers whose positions close on MARKET_REVERSAL, comma-separated
 *     wire names ({@code reversal_exit_triggers} {@code book_imbalance}; empty: none)
 * @param reversalImbalance the adverse top-of-book imbalance that closes them, a fraction in (0, 1]
 *     ({@code reversal_imbalance} 0.6: a short at {@code >= +0.6}, a long at {@code <= -0.6})
 * @param entryOrder how an open enters ({@code entry_order}: {@code market}, the default, or
 *     {@code limit}: a post-only limit order at the touch, SPEC.md §7 "Limit entries")
 * @param limitTimeoutMs how long a limit entry rests before the rest is cancelled ({@code
 *     limit_timeout_ms} 3000)
 * @param makerFeePct the fee of a limit entry's fill, fraction of its notional ({@code
 *     maker_fee_pct} 0.0002)
 * @param noEntryAfterOpenMin with an exchange calendar: no opens in a session's first minutes
 *     ({@code no_entry_after_open_min} 5; REJECTED MARKET_CLOSED)
 * @param noEntryBeforeCloseMin with a calendar: no opens in a session's last minutes ({@code
 *     no_entry_before_close_min} 30)
 * @param flattenBeforeCloseMin with a calendar: a position still open this many minutes before the
 *     day's close is closed, SESSION_CLOSE ({@code flatten_before_close_min} 15)
 */
public record ExecutorConfig(
        @JsonProperty("max_signal_age_sec") long maxSignalAgeSec,
        @JsonProperty("min_confidence") int minConfidence,
        @JsonProperty("max_daily_trades") int maxDailyTrades,
        @JsonProperty("drawdown_guard_pct") double maxDrawdownPct,
        @JsonProperty("loss_streak") int maxConsecutiveLosses,
        @JsonProperty("cooldown_after_loss_sec") long cooldownAfterLossSec,
        @JsonProperty("max_positions") int maxPositions,
        @JsonProperty("min_available_balance") BigDecimal minAvailable,
        @JsonProperty("starting_balance") BigDecimal startingBalance,
        @JsonProperty("slippage_pct") double slippagePct,
        @JsonProperty("fee_pct") double feePct,
        @JsonProperty("monitor_interval_sec") long monitorIntervalSec,
        @JsonProperty("intent_ttl_sec") long intentTtlSec,
        @JsonProperty("default_time_in_trade_limit_sec") long defaultTimeInTradeLimitSec,
        @JsonProperty("enable_reverse") boolean enableReverse,
        @JsonProperty("default_cooldown_sec") long defaultCooldownSec,
        @JsonProperty("reversal_exit_triggers") String reversalExitTriggers,
        @JsonProperty("reversal_imbalance") double reversalImbalance,
        @JsonProperty("entry_order") EntryOrder entryOrder,
        @JsonProperty("limit_timeout_ms") long limitTimeoutMs,
        @JsonProperty("maker_fee_pct") double makerFeePct,
        @JsonProperty("no_entry_after_open_min") long noEntryAfterOpenMin,
        @JsonProperty("no_entry_before_close_min") long noEntryBeforeCloseMin,
        @JsonProperty("flatten_before_close_min") long flattenBeforeCloseMin) {

    /** How an open enters the market (SPEC.md §7). */
    public enum EntryOrder {
        /** A market order at once (SPEC §7's paper fill: the last price moved by the slippage). */
        @JsonProperty("market")
        MARKET,
        /** A post-only limit order at the touch, filled by later trades through a queue model. */
        @JsonProperty("limit")
        LIMIT
    }

    private static final ObjectReader READER = Settings.reader(ExecutorConfig.class);

    /** The triggers of SPEC.md §4, by wire name: what {@code reversal_exit_triggers} may name. */
    private static final List<String> TRIGGERS =
            List.of("momentum_burst", "vwap_rejection", "breakout", "mean_reversion", "book_imbalance");

    /**
     * @throws IllegalArgumentException naming the key and the bound it breaks
     */
    public ExecutorConfig {
        Settings.positive("max_signal_age_sec", maxSignalAgeSec);
        if (minConfidence < 0 || minConfidence > 100) {
            throw new IllegalArgumentException("min_confidence: must be in [0, 100], got " + minConfidence);
        }
        Settings.positive("max_daily_trades", maxDailyTrades);
        if (!(maxDrawdownPct > 0 && maxDrawdownPct <= 1)) {
            throw new IllegalArgumentException("drawdown_guard_pct: must be in (0, 1], got " + maxDrawdownPct);
        }
        Settings.positive("loss_streak", maxConsecutiveLosses);
        Settings.notNegative("cooldown_after_loss_sec", cooldownAfterLossSec);
        Settings.positive("max_positions", maxPositions);
        Settings.notNegative("min_available_balance", minAvailable);
        Settings.positive("starting_balance", startingBalance == null ? 0 : startingBalance.doubleValue());
        Settings.fraction("slippage_pct", slippagePct, 0, 1);
        Settings.fraction("fee_pct", feePct, 0, 1);
        Settings.positive("monitor_interval_sec", monitorIntervalSec);
        Settings.positive("intent_ttl_sec", intentTtlSec);
        Settings.positive("default_time_in_trade_limit_sec", defaultTimeInTradeLimitSec);
        Settings.notNegative("default_cooldown_sec", defaultCooldownSec);
        if (reversalExitTriggers == null
                || !TRIGGERS.containsAll(names(reversalExitTriggers))
                || !reversalExitTriggers.matches("\\s*([a-z_]+\\s*(,\\s*[a-z_]+\\s*)*)?")) {
            throw new IllegalArgumentException(
                    "reversal_exit_triggers: must be trigger names of SPEC §4, comma-separated ("
                            + String.join(", ", TRIGGERS) + "; \"\" for none), got '" + reversalExitTriggers + "'");
        }
        if (!(reversalImbalance > 0 && reversalImbalance <= 1)) {
            throw new IllegalArgumentException("reversal_imbalance: must be in (0, 1], got " + reversalImbalance);
        }
        if (entryOrder == null) {
            throw new IllegalArgumentException("entry_order: must be market or limit");
        }
        Settings.positive("limit_timeout_ms", limitTimeoutMs);
        Settings.fraction("maker_fee_pct", makerFeePct, -1, 1);
        Settings.notNegative("no_entry_after_open_min", noEntryAfterOpenMin);
        Settings.notNegative("no_entry_before_close_min", noEntryBeforeCloseMin);
        Settings.notNegative("flatten_before_close_min", flattenBeforeCloseMin);
    }

    /** The trigger names of {@link #reversalExitTriggers()}. */
    public Set<String> reversalTriggerSet() {
        return names(reversalExitTriggers);
    }

    private static Set<String> names(@Nullable String commaSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (commaSeparated != null) {
            for (String t : commaSeparated.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }

    /**
     * These settings with {@code overrides} (key to value; a string value is converted to the
     * key's type), as {@code --exec KEY=VALUE} gives them.
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public ExecutorConfig with(Map<String, ?> overrides) {
        return Settings.with(this, overrides, READER, "");
    }

    /**
     * These settings with a YAML file's keys ({@code --exec-config}; {@code
     * deploy/config/executor.yaml} lists every key with its default).
     *
     * @throws IllegalArgumentException naming the file and the unknown key or bad value, or why
     *     the file cannot be read
     */
    public ExecutorConfig load(Path yaml) {
        return Settings.load(this, yaml, READER);
    }

    /** Every key of {@code --exec} and {@code --exec-config}, in declaration order. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        ExecutorJson.MAPPER.valueToTree(defaults()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * These settings and a replay's latency as the JSON document a backtest directory keeps
     * ({@code settings.json}, read by the report): every key with its value, then {@code
     * latency_ms}; decimals written plainly.
     */
    public String describe(long latencyMs) {
        ObjectNode doc = ExecutorJson.MAPPER.valueToTree(this);
        doc.properties().forEach(e -> {
            if (e.getValue().isDouble()) { // 0.0002, not 2.0E-4
                e.setValue(doc.numberNode(
                        BigDecimal.valueOf(e.getValue().doubleValue()).stripTrailingZeros()));
            }
        });
        doc.put("latency_ms", latencyMs);
        try {
            return ExecutorJson.MAPPER
                            .writerWithDefaultPrettyPrinter()
                            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                            .writeValueAsString(doc)
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    /** The round trip's cost as a fraction of the notional: a fee and the slippage on each side. */
    public double roundTripCostPct() {
        return 2 * feePct + 2 * slippagePct;
    }

    /** Whether {@code equity} is more than {@code max_drawdown_pct} below {@code peak} (SPEC §7 DRAWDOWN_GUARD). */
    public boolean drawdownGuardActive(BigDecimal equity, BigDecimal peak) {
        return equity.compareTo(peak.multiply(BigDecimal.valueOf(1 - maxDrawdownPct))) < 0;
    }

    public static ExecutorConfig defaults() {
        return new ExecutorConfig(
                30,
                50,
                200,
                0.10,
                3,
                300,
                3,
                new BigDecimal("10"),
                new BigDecimal("10000"),
                0.0002,
                0.00055,
                30,
                21_600,
                2_400,
                false,
                0,
                "book_imbalance",
                0.6,
                EntryOrder.MARKET,
                3_000,
                0.0002,
                5,
                30,
                15);
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
                throw new IllegalArgumentException(
                        "DEFAULT_TIME_IN_TRADE_LIMIT_SEC: must be a whole number of seconds > 0, got '" + limit + "'");
            }
        }
        boolean reverse = Boolean.parseBoolean(
                env.getOrDefault("POSITION_MANAGER_ENABLE_REVERSE", "false").strip());
        return new ExecutorConfig(
                d.maxSignalAgeSec(),
                d.minConfidence(),
                d.maxDailyTrades(),
                d.maxDrawdownPct(),
                d.maxConsecutiveLosses(),
                d.cooldownAfterLossSec(),
                d.maxPositions(),
                d.minAvailable(),
                d.startingBalance(),
                d.slippagePct(),
                d.feePct(),
                d.monitorIntervalSec(),
                d.intentTtlSec(),
                timeLimit,
                reverse,
                cooldownSeconds(env.get("COOLDOWN_MINUTES")),
                d.reversalExitTriggers(),
                d.reversalImbalance(),
                d.entryOrder(),
                d.limitTimeoutMs(),
                d.makerFeePct(),
                d.noEntryAfterOpenMin(),
                d.noEntryBeforeCloseMin(),
                d.flattenBeforeCloseMin());
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
