package io.scalpsignals.executor.options;

import io.scalpsignals.executor.config.Settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectReader;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/**
 * The executor's {@code options-0dte} scalp (SPEC.md §5's profile; the replaced system's scalp
 * configuration): which contract a signal on the underlying buys, how many, and how the position
 * is managed. Every {@code _pct} is a fraction (0.05 is 5 %); durations carry their unit. Keys
 * are the {@code snake_case} names below; {@code deploy/config/options-0dte.yaml} lists each with
 * its default.
 *
 * @param targetDelta |delta| aimed at ({@code target_delta} 0.35)
 * @param minDelta lowest |delta| accepted ({@code min_delta} 0.30)
 * @param maxDelta highest |delta| accepted ({@code max_delta} 0.40)
 * @param maxSpreadPct largest {@code (ask - bid) / mid} accepted ({@code max_spread_pct} 0.05)
 * @param minOpenInterest open interest must be above this ({@code min_open_interest} 500)
 * @param maxContractPrice the ask must be under this, per share ({@code max_contract_price} 5.0)
 * @param prefer0dte {@code prefer_0dte} (true): same-day contracts first, the next trading day's
 *     (1DTE) only when no same-day contract passes; false: both expiries compete on delta alone
 * @param maxChainAgeSec a quote older than this at decision time is stale, not used ({@code
 *     max_chain_age_sec} 60)
 * @param timeZone the exchange's zone: "today" and the scalp day ({@code time_zone}
 *     America/New_York)
 * @param positionSizePct premium paid per scalp, fraction of the available balance ({@code
 *     scalp_position_size_pct} 0.05), in whole contracts at the ask
 * @param takeProfitPct exit when the mid is this far above the entry price ({@code
 *     take_profit_pct} 0.30)
 * @param stopLossPct exit when the mid is this far below the entry price ({@code stop_loss_pct}
 *     0.15)
 * @param timeInTradeLimitSec exit after this long ({@code time_in_trade_limit_sec} 900)
 * @param maxDailyScalps opens per exchange day ({@code max_daily_scalps} 5)
 * @param maxConcurrentScalps open scalps at once ({@code max_concurrent_scalps} 1)
 * @param cooldownAfterLossSec no opens for this long after a losing scalp ({@code
 *     cooldown_after_loss_sec} 300)
 * @param contractMultiplier shares per contract ({@code contract_multiplier} 100)
 */
public record OptionsConfig(
        @JsonProperty("target_delta") double targetDelta,
        @JsonProperty("min_delta") double minDelta,
        @JsonProperty("max_delta") double maxDelta,
        @JsonProperty("max_spread_pct") double maxSpreadPct,
        @JsonProperty("min_open_interest") long minOpenInterest,
        @JsonProperty("max_contract_price") double maxContractPrice,
        @JsonProperty("prefer_0dte") boolean prefer0dte,
        @JsonProperty("max_chain_age_sec") long maxChainAgeSec,
        @JsonProperty("time_zone") String timeZone,
        @JsonProperty("scalp_position_size_pct") double positionSizePct,
        @JsonProperty("take_profit_pct") double takeProfitPct,
        @JsonProperty("stop_loss_pct") double stopLossPct,
        @JsonProperty("time_in_trade_limit_sec") long timeInTradeLimitSec,
        @JsonProperty("max_daily_scalps") int maxDailyScalps,
        @JsonProperty("max_concurrent_scalps") int maxConcurrentScalps,
        @JsonProperty("cooldown_after_loss_sec") long cooldownAfterLossSec,
        @JsonProperty("contract_multiplier") int contractMultiplier) {

    private static final ObjectReader READER = Settings.reader(OptionsConfig.class);

    /**
     * @throws IllegalArgumentException naming the key and the bound it breaks
     */
    public OptionsConfig {
        if (!(0 < minDelta && minDelta <= targetDelta && targetDelta <= maxDelta && maxDelta <= 1)) {
            throw new IllegalArgumentException(
                    "min_delta, target_delta, max_delta: need 0 < min <= target <= max <= 1, got " + minDelta + ", "
                            + targetDelta + ", " + maxDelta);
        }
        Settings.positive("max_spread_pct", maxSpreadPct);
        Settings.positive("max_contract_price", maxContractPrice);
        Settings.positive("max_chain_age_sec", maxChainAgeSec);
        Settings.positive("take_profit_pct", takeProfitPct);
        Settings.positive("time_in_trade_limit_sec", timeInTradeLimitSec);
        Settings.positive("max_daily_scalps", maxDailyScalps);
        Settings.positive("max_concurrent_scalps", maxConcurrentScalps);
        Settings.positive("contract_multiplier", contractMultiplier);
        if (minOpenInterest < 0 || cooldownAfterLossSec < 0) {
            throw new IllegalArgumentException("min_open_interest, cooldown_after_loss_sec: must be >= 0");
        }
        if (!(positionSizePct > 0 && positionSizePct <= 1)) {
            throw new IllegalArgumentException("scalp_position_size_pct: must be in (0, 1], got " + positionSizePct);
        }
        if (!(stopLossPct > 0 && stopLossPct <= 1)) {
            throw new IllegalArgumentException("stop_loss_pct: must be in (0, 1], got " + stopLossPct);
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("time_zone: unknown zone '" + timeZone + "'");
        }
    }

    /** The exchange's time zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public static OptionsConfig defaults() {
        return new OptionsConfig(
                0.35, 0.30, 0.40, 0.05, 500, 5.0, true, 60, "America/New_York", 0.05, 0.30, 0.15, 900, 5, 1, 300, 100);
    }

    /**
     * These settings with {@code overrides} (key to value; a string value is converted to the
     * key's type).
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public OptionsConfig with(Map<String, ?> overrides) {
        return Settings.with(this, overrides, READER, "");
    }

    /**
     * The defaults with a YAML file's keys.
     *
     * @throws IllegalArgumentException naming the file and the unknown key or bad value, or why the
     *     file cannot be read
     */
    public static OptionsConfig load(Path yaml) {
        return Settings.load(defaults(), yaml, READER);
    }
}
