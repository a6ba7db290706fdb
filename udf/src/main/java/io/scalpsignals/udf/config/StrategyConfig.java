package io.scalpsignals.udf.config;

import io.scalpsignals.udf.features.FeatureConfig;

import java.io.Serializable;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

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

    // §5 risk profile and §6 strategy version
    public String profile = RiskProfile.CRYPTO_PERP.configName();
    public String strategyVersion = "1";

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
        require(breakoutWindowSec * 1000L > breakoutConfirmMs, "breakout_window_sec", breakoutWindowSec, "longer than breakout_confirm_ms");
        require(meanReversionLevelPct >= 0 && meanReversionLevelPct < 1, "mean_reversion_level_pct", meanReversionLevelPct, "in [0, 1)");
        positive("crash_guard_pct", crashGuardPct);
        require(conflictWindowSec >= 0, "conflict_window_sec", conflictWindowSec, ">= 0");
        require(minIntervalSec >= 0, "min_interval_sec", minIntervalSec, ">= 0");
        require(minConfidence >= 0 && minConfidence <= 100, "min_confidence", minConfidence, "0..100");
        positive("max_spread_pct", maxSpreadPct);
        require(strategyVersion != null && !strategyVersion.isBlank() && !strategyVersion.contains("|"),
                "strategy_version", strategyVersion, "a non-empty string without '|'");
        riskProfile();
        return this;
    }

    /** The feature windows. */
    public FeatureConfig features() {
        LocalTime start;
        try {
            start = LocalTime.parse(sessionStart);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("session_start: must be HH:MM, got '" + sessionStart + "'");
        }
        return new FeatureConfig(barSec, FeatureConfig.zone(sessionTimeZone), start, volumeWindowSec, historySec, crashGuardWindowSec);
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
