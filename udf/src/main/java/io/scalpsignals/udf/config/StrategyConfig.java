package io.scalpsignals.udf.config;

import io.scalpsignals.model.Trigger;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every threshold and window of SPEC.md §2–§5, with SPEC's defaults. The config file's keys are
 * these field names in {@code snake_case} (e.g. {@code momentumVolumeRatioMin} is {@code
 * momentum_volume_ratio_min}); fields ending in {@code Pct} are fractions (0.001 is 0.1 %).
 * Validated once at job start by {@link #validate()}; read-only afterwards.
 */
public class StrategyConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    // §2–§3 features and bars
    public int barSec = 15;
    public String sessionTimeZone = "UTC";
    public String sessionStart = "00:00";
    public int volumeWindowSec = 300;
    public int historySec = 3900;
    public int crashGuardWindowSec = 300;

    // §4 momentum_burst: |vel_30s| and volume_ratio at or above
    public double momentumVelocityMin = 0.005;
    public double momentumVolumeRatioMin = 2.0;

    // §4 vwap_rejection: zones around the session VWAP, confirmation volume, window
    public double vwapZonePct = 0.001;
    public double vwapTouchPct = 0.0005;
    public double vwapRejectionVolumeRatioMin = 1.2;
    public int vwapRejectionWindowSec = 120;

    // §4 breakout: margin over the Donchian level, volume, confirmation delay, window
    public double breakoutMarginPct = 0.0005;
    public double breakoutVolumeRatioMin = 1.5;
    public long breakoutConfirmMs = 5000;
    public int breakoutWindowSec = 30;

    // §4 mean_reversion on a closed bar
    public double meanReversionRsiLongMax = 25;
    public double meanReversionRsiShortMin = 75;
    public double meanReversionWillrLongMax = -85;
    public double meanReversionWillrShortMin = -15;
    public double meanReversionLevelPct = 0.001;

    // §4 book_imbalance: |imbalance| at or above, spread at or below (setup and confirmation),
    // the run's least duration before a confirmation, window, confirmation volume
    public double bookImbalanceMin = 0.6;
    public double bookImbalanceMaxSpreadPct = 0.0005;
    public long bookImbalancePersistMs = 2000;
    public int bookImbalanceWindowSec = 10;
    public double bookImbalanceVolumeRatioMin = 1.5;

    // §5 gate
    public double crashGuardPct = 0.006;
    public int conflictWindowSec = 30;
    public int minIntervalSec = 60;
    public int minConfidence = 50;
    public double maxSpreadPct = 0.0005;

    // §5 confidence bases
    public int confidenceBaseMomentumBurst = 60;
    public int confidenceBaseVwapRejection = 55;
    public int confidenceBaseBreakout = 55;
    public int confidenceBaseMeanReversion = 50;
    public int confidenceBaseBookImbalance = 55;

    // §5 risk profile and §6 strategy version
    public String profile = RiskProfile.CRYPTO_PERP.configName();
    public String strategyVersion = "1";

    // Metrics: symbols whose signals, blocked candidates and event-time lag are also exported per
    // symbol (label symbol), comma-separated; empty: none. The list bounds the label's cardinality.
    public String metricsSymbols = "";

    /** At most this many symbols in {@code metrics_symbols}. */
    public static final int MAX_METRICS_SYMBOLS = 200;

    // §5 risk parameters over the profile's: null keeps the profile's value. tp_pct, sl_pct and
    // time_in_trade_limit_sec set every confidence band; a _high (>= 85), _mid (70..84) or _low
    // (below 70) key sets one band and wins over the all-band key. ROI fractions (0.02 is 2 %).
    @Nullable
    public Double tpPct;

    @Nullable
    public Double slPct;

    @Nullable
    public Long timeInTradeLimitSec;

    @Nullable
    public Double tpPctHigh;

    @Nullable
    public Double slPctHigh;

    @Nullable
    public Long timeInTradeLimitSecHigh;

    @Nullable
    public Double tpPctMid;

    @Nullable
    public Double slPctMid;

    @Nullable
    public Long timeInTradeLimitSecMid;

    @Nullable
    public Double tpPctLow;

    @Nullable
    public Double slPctLow;

    @Nullable
    public Long timeInTradeLimitSecLow;

    @Nullable
    public Double leverage;

    @Nullable
    public Double sizePct;

    @Nullable
    public Long cooldownSec;

    @Nullable
    public Double trailActivationRoi;

    @Nullable
    public Double trailDistanceRoi;

    // Risk per trigger (an order-book scalp keeps risk parameters of its own): tp_pct_<trigger>,
    // sl_pct_<trigger>, time_in_trade_limit_sec_<trigger> and size_pct_<trigger> win over every
    // other key for that trigger's signals; null leaves them to the keys above and the profile.
    @Nullable
    public Double tpPctMomentumBurst;

    @Nullable
    public Double slPctMomentumBurst;

    @Nullable
    public Long timeInTradeLimitSecMomentumBurst;

    @Nullable
    public Double sizePctMomentumBurst;

    @Nullable
    public Double tpPctVwapRejection;

    @Nullable
    public Double slPctVwapRejection;

    @Nullable
    public Long timeInTradeLimitSecVwapRejection;

    @Nullable
    public Double sizePctVwapRejection;

    @Nullable
    public Double tpPctBreakout;

    @Nullable
    public Double slPctBreakout;

    @Nullable
    public Long timeInTradeLimitSecBreakout;

    @Nullable
    public Double sizePctBreakout;

    @Nullable
    public Double tpPctMeanReversion;

    @Nullable
    public Double slPctMeanReversion;

    @Nullable
    public Long timeInTradeLimitSecMeanReversion;

    @Nullable
    public Double sizePctMeanReversion;

    @Nullable
    public Double tpPctBookImbalance;

    @Nullable
    public Double slPctBookImbalance;

    @Nullable
    public Long timeInTradeLimitSecBookImbalance;

    @Nullable
    public Double sizePctBookImbalance;

    /** The defaults of SPEC.md. */
    public static StrategyConfig defaults() {
        return new StrategyConfig();
    }

    /**
     * Checks every value.
     *
     * @return this
     * @throws IllegalArgumentException naming the first bad key and why
     */
    public StrategyConfig validate() {
        features();
        positive("momentum_velocity_min", momentumVelocityMin);
        positive("momentum_volume_ratio_min", momentumVolumeRatioMin);
        positive("vwap_zone_pct", vwapZonePct);
        positive("vwap_touch_pct", vwapTouchPct);
        require(vwapTouchPct < vwapZonePct, "vwap_touch_pct", vwapTouchPct, "below vwap_zone_pct");
        positive("vwap_rejection_volume_ratio_min", vwapRejectionVolumeRatioMin);
        require(vwapRejectionWindowSec > 0, "vwap_rejection_window_sec", vwapRejectionWindowSec, "> 0");
        require(breakoutMarginPct >= 0 && breakoutMarginPct < 1, "breakout_margin_pct", breakoutMarginPct, "in [0, 1)");
        positive("breakout_volume_ratio_min", breakoutVolumeRatioMin);
        require(breakoutConfirmMs >= 0, "breakout_confirm_ms", breakoutConfirmMs, ">= 0");
        require(
                breakoutWindowSec * 1000L >= 2 * breakoutConfirmMs,
                "breakout_window_sec",
                breakoutWindowSec,
                "at least twice breakout_confirm_ms (the breakout feed's proof needs it)");
        require(
                meanReversionLevelPct >= 0 && meanReversionLevelPct < 1,
                "mean_reversion_level_pct",
                meanReversionLevelPct,
                "in [0, 1)");
        require(bookImbalanceMin > 0 && bookImbalanceMin <= 1, "book_imbalance_min", bookImbalanceMin, "in (0, 1]");
        positive("book_imbalance_max_spread_pct", bookImbalanceMaxSpreadPct);
        require(bookImbalancePersistMs >= 0, "book_imbalance_persist_ms", bookImbalancePersistMs, ">= 0");
        require(
                bookImbalanceWindowSec * 1000L > bookImbalancePersistMs,
                "book_imbalance_window_sec",
                bookImbalanceWindowSec,
                "longer than book_imbalance_persist_ms (else nothing can confirm within it)");
        positive("book_imbalance_volume_ratio_min", bookImbalanceVolumeRatioMin);
        positive("crash_guard_pct", crashGuardPct);
        require(conflictWindowSec >= 0, "conflict_window_sec", conflictWindowSec, ">= 0");
        require(minIntervalSec >= 0, "min_interval_sec", minIntervalSec, ">= 0");
        require(minConfidence >= 0 && minConfidence <= 100, "min_confidence", minConfidence, "0..100");
        positive("max_spread_pct", maxSpreadPct);
        require(
                strategyVersion != null && !strategyVersion.isBlank() && !strategyVersion.contains("|"),
                "strategy_version",
                strategyVersion,
                "a non-empty string without '|'");
        riskProfile();
        metricsSymbolSet();
        for (int confidence : BAND_CONFIDENCES) {
            RiskProfile.Params r = risk(confidence);
            String band = band(confidence);
            positive("tp_pct" + band, r.tpPct());
            require(r.slPct() > 0 && r.slPct() <= 1, "sl_pct" + band, r.slPct(), "in (0, 1]");
            require(r.timeInTradeLimitSec() > 0, "time_in_trade_limit_sec" + band, r.timeInTradeLimitSec(), "> 0");
        }
        for (Trigger trigger : Trigger.values()) {
            TriggerRisk own = own(trigger);
            String key = "_" + trigger.wireName();
            if (own.tpPct() != null) {
                positive("tp_pct" + key, own.tpPct());
            }
            if (own.slPct() != null) {
                require(own.slPct() > 0 && own.slPct() <= 1, "sl_pct" + key, own.slPct(), "in (0, 1]");
            }
            if (own.timeInTradeLimitSec() != null) {
                require(
                        own.timeInTradeLimitSec() > 0,
                        "time_in_trade_limit_sec" + key,
                        own.timeInTradeLimitSec(),
                        "> 0");
            }
            if (own.sizePct() != null) {
                require(own.sizePct() > 0 && own.sizePct() <= 1, "size_pct" + key, own.sizePct(), "in (0, 1]");
            }
        }
        RiskProfile.Params r = risk(100);
        positive("leverage", r.leverage());
        require(r.sizePct() > 0 && r.sizePct() <= 1, "size_pct", r.sizePct(), "in (0, 1]");
        require(r.cooldownSec() >= 0, "cooldown_sec", r.cooldownSec(), ">= 0");
        require(
                r.trailActivationRoi() >= 0 && Double.isFinite(r.trailActivationRoi()),
                "trail_activation_roi",
                r.trailActivationRoi(),
                ">= 0");
        require(
                r.trailDistanceRoi() >= 0 && Double.isFinite(r.trailDistanceRoi()),
                "trail_distance_roi",
                r.trailDistanceRoi(),
                ">= 0");
        return this;
    }

    /**
     * The symbols of {@code metrics_symbols}, in their order.
     *
     * @throws IllegalArgumentException for a token that is no symbol, or more than {@value #MAX_METRICS_SYMBOLS}
     */
    public Set<String> metricsSymbolSet() {
        Set<String> out = new LinkedHashSet<>();
        if (metricsSymbols == null || metricsSymbols.isBlank()) {
            return out;
        }
        for (String s : metricsSymbols.split(",")) {
            String symbol = s.strip();
            require(symbol.matches("[A-Za-z0-9._:/-]{1,32}"), "metrics_symbols", symbol, "comma-separated symbols");
            out.add(symbol);
        }
        require(
                out.size() <= MAX_METRICS_SYMBOLS,
                "metrics_symbols",
                out.size() + " symbols",
                "at most " + MAX_METRICS_SYMBOLS);
        return out;
    }

    /** A confidence in each band: high (>= 85), mid (70..84), low (below 70). */
    private static final int[] BAND_CONFIDENCES = {85, 70, 50};

    private static String band(int confidence) {
        return confidence >= 85 ? "_high" : confidence >= 70 ? "_mid" : "_low";
    }

    /**
     * The risk parameters of a signal of {@code trigger} at {@code confidence} (0..100): {@link
     * #risk(int)}, with the trigger's own keys ({@code tp_pct_<trigger>}, {@code sl_pct_<trigger>},
     * {@code time_in_trade_limit_sec_<trigger>}, {@code size_pct_<trigger>}) where set.
     */
    public RiskProfile.Params risk(Trigger trigger, int confidence) {
        RiskProfile.Params p = risk(confidence);
        TriggerRisk own = own(trigger);
        if (own.isEmpty()) {
            return p;
        }
        return new RiskProfile.Params(
                or(own.tpPct(), p.tpPct()),
                or(own.slPct(), p.slPct()),
                or(own.timeInTradeLimitSec(), p.timeInTradeLimitSec()),
                p.leverage(),
                or(own.sizePct(), p.sizePct()),
                p.cooldownSec(),
                p.trailActivationRoi(),
                p.trailDistanceRoi());
    }

    /** A trigger's own risk keys, each null when unset. */
    private record TriggerRisk(
            @Nullable Double tpPct,
            @Nullable Double slPct,
            @Nullable Long timeInTradeLimitSec,
            @Nullable Double sizePct) {
        boolean isEmpty() {
            return tpPct == null && slPct == null && timeInTradeLimitSec == null && sizePct == null;
        }
    }

    private TriggerRisk own(Trigger trigger) {
        return switch (trigger) {
            case MOMENTUM_BURST ->
                new TriggerRisk(
                        tpPctMomentumBurst, slPctMomentumBurst, timeInTradeLimitSecMomentumBurst, sizePctMomentumBurst);
            case VWAP_REJECTION ->
                new TriggerRisk(
                        tpPctVwapRejection, slPctVwapRejection, timeInTradeLimitSecVwapRejection, sizePctVwapRejection);
            case BREAKOUT ->
                new TriggerRisk(tpPctBreakout, slPctBreakout, timeInTradeLimitSecBreakout, sizePctBreakout);
            case MEAN_REVERSION ->
                new TriggerRisk(
                        tpPctMeanReversion, slPctMeanReversion, timeInTradeLimitSecMeanReversion, sizePctMeanReversion);
            case BOOK_IMBALANCE ->
                new TriggerRisk(
                        tpPctBookImbalance, slPctBookImbalance, timeInTradeLimitSecBookImbalance, sizePctBookImbalance);
        };
    }

    /**
     * The risk parameters of a signal of {@code confidence} (0..100): the profile's (SPEC.md §5),
     * with every key of this configuration that is set in their place (a trigger's own keys aside:
     * {@link #risk(Trigger, int)}).
     */
    public RiskProfile.Params risk(int confidence) {
        RiskProfile.Params p = riskProfile().forConfidence(confidence);
        boolean high = confidence >= 85;
        boolean mid = !high && confidence >= 70;
        Double tp = high ? tpPctHigh : mid ? tpPctMid : tpPctLow;
        Double sl = high ? slPctHigh : mid ? slPctMid : slPctLow;
        Long time = high ? timeInTradeLimitSecHigh : mid ? timeInTradeLimitSecMid : timeInTradeLimitSecLow;
        return new RiskProfile.Params(
                or(tp, or(tpPct, p.tpPct())),
                or(sl, or(slPct, p.slPct())),
                or(time, or(timeInTradeLimitSec, p.timeInTradeLimitSec())),
                or(leverage, p.leverage()),
                or(sizePct, p.sizePct()),
                or(cooldownSec, p.cooldownSec()),
                or(trailActivationRoi, p.trailActivationRoi()),
                or(trailDistanceRoi, p.trailDistanceRoi()));
    }

    /**
     * The confidence bands whose take profit does not pay for a round trip: {@code tp_pct} (ROI)
     * at or below {@code roundTripCostPct * leverage}, the cost of two fees and two slippages as
     * ROI at the band's leverage. Each entry says it with the numbers.
     *
     * @param roundTripCostPct {@code 2 * fee_pct + 2 * slippage_pct}, a fraction of the notional
     */
    public List<String> unprofitableBands(double roundTripCostPct) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Trigger trigger : Trigger.values()) {
            String whose = own(trigger).tpPct() == null ? "" : " (" + trigger.wireName() + ")";
            for (int confidence : BAND_CONFIDENCES) {
                RiskProfile.Params r = risk(trigger, confidence);
                double cost = roundTripCostPct * r.leverage();
                if (r.tpPct() <= cost) {
                    String range = confidence >= 85 ? "85..100" : confidence >= 70 ? "70..84" : "0..69";
                    out.computeIfAbsent(
                                    String.format(
                                            Locale.ROOT,
                                            "take profit%s %s ROI <= round-trip cost %s ROI (%s of the notional x leverage %s)",
                                            whose,
                                            plain(r.tpPct()),
                                            plain(cost),
                                            plain(roundTripCostPct),
                                            plain(r.leverage())),
                                    k -> new LinkedHashSet<>())
                            .add(range);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        out.forEach((what, ranges) -> lines.add("confidence " + String.join(", ", ranges) + ": " + what));
        return lines;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static double or(@Nullable Double v, double otherwise) {
        return v != null ? v : otherwise;
    }

    private static long or(@Nullable Long v, long otherwise) {
        return v != null ? v : otherwise;
    }

    /** The feature windows. */
    public FeatureConfig features() {
        LocalTime start;
        try {
            start = LocalTime.parse(sessionStart);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("session_start: must be HH:MM, got '" + sessionStart + "'");
        }
        return new FeatureConfig(
                barSec, FeatureConfig.zone(sessionTimeZone), start, volumeWindowSec, historySec, crashGuardWindowSec);
    }

    /**
     * The risk profile named by {@code profile}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public RiskProfile riskProfile() {
        return RiskProfile.parse(profile);
    }

    private static void positive(String key, double v) {
        require(v > 0 && Double.isFinite(v), key, v, "a finite number > 0");
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": must be " + expected + ", got " + value);
        }
    }
}
