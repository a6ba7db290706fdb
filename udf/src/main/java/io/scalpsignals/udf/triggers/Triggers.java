package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;

import javax.annotation.Nullable;

/**
 * The plain (non-CEP) conditions of SPEC.md §4 and the confidence of §5. A comparison with an
 * undefined (NaN) value is false, so nothing fires during warm-up.
 */
public final class Triggers {

    private Triggers() {}

    /**
     * momentum_burst: {@code |vel_30s| >= momentum_velocity_min} and {@code volume_ratio >=
     * momentum_volume_ratio_min}; the direction is the sign of {@code vel_30s}.
     *
     * @return the direction, or null when it does not fire
     */
    @Nullable
    public static Action momentumBurst(TickFeatures f, StrategyConfig c) {
        if (Math.abs(f.vel30s()) >= c.momentumVelocityMin && f.volumeRatio() >= c.momentumVolumeRatioMin) {
            return f.vel30s() > 0 ? Action.OPEN_LONG : Action.OPEN_SHORT;
        }
        return null;
    }

    /**
     * mean_reversion on a bar closed by a tick of a later bar: long when {@code rsi_7 <= 25},
     * {@code willr_7 <= -85} and {@code close <= donchian_low_20 (1 + 0.001)}; short when {@code
     * rsi_7 >= 75}, {@code willr_7 >= -15} and {@code close >= donchian_high_20 (1 - 0.001)}.
     *
     * @return the direction, or null when it does not fire
     */
    @Nullable
    public static Action meanReversion(Bar b, StrategyConfig c) {
        if (b.rsi7() <= c.meanReversionRsiLongMax
                && b.willr7() <= c.meanReversionWillrLongMax
                && b.close() <= b.donchianLow20() * (1 + c.meanReversionLevelPct)) {
            return Action.OPEN_LONG;
        }
        if (b.rsi7() >= c.meanReversionRsiShortMin
                && b.willr7() >= c.meanReversionWillrShortMin
                && b.close() >= b.donchianHigh20() * (1 - c.meanReversionLevelPct)) {
            return Action.OPEN_SHORT;
        }
        return null;
    }

    /**
     * A breakout's break tick: {@code p >= L_high (1 + margin)} (long) or {@code p <= L_low (1 -
     * margin)} (short), with {@code volume_ratio >= breakout_volume_ratio_min}, L the level in
     * force for the tick's bar.
     */
    public static boolean isBreak(SymbolTick t, Action direction, StrategyConfig c) {
        if (!(t.features().volumeRatio() >= c.breakoutVolumeRatioMin)) {
            return false;
        }
        return direction == Action.OPEN_LONG
                ? t.price() >= t.levelHigh() * (1 + c.breakoutMarginPct)
                : t.price() <= t.levelLow() * (1 - c.breakoutMarginPct);
    }

    /** The level a breakout of {@code direction} starting at {@code b} is measured against. */
    public static double level(SymbolTick b, Action direction) {
        return direction == Action.OPEN_LONG ? b.levelHigh() : b.levelLow();
    }

    /** True when {@code price} is beyond {@code level} in the breakout's direction. */
    public static boolean beyond(double price, double level, Action direction) {
        return direction == Action.OPEN_LONG ? price > level : price < level;
    }

    /**
     * Confidence (SPEC.md §5), 0..100: the trigger's base, plus {@code max(0, min(20, round(10
     * (volume_ratio - 1))))}, plus {@code min(20, round(1000 |vel_30s|))}, capped at 100; {@code
     * round} is half up and a term whose input is undefined adds 0.
     */
    public static int confidence(Trigger trigger, TickFeatures f, StrategyConfig c) {
        long value = base(trigger, c);
        if (!Double.isNaN(f.volumeRatio())) {
            value += Math.max(0, Math.min(20, Math.round(10 * (f.volumeRatio() - 1))));
        }
        if (!Double.isNaN(f.vel30s())) {
            value += Math.min(20, Math.round(1000 * Math.abs(f.vel30s())));
        }
        return (int) Math.min(100, value);
    }

    private static int base(Trigger trigger, StrategyConfig c) {
        return switch (trigger) {
            case MOMENTUM_BURST -> c.confidenceBaseMomentumBurst;
            case VWAP_REJECTION -> c.confidenceBaseVwapRejection;
            case BREAKOUT -> c.confidenceBaseBreakout;
            case MEAN_REVERSION -> c.confidenceBaseMeanReversion;
            case BOOK_IMBALANCE -> c.confidenceBaseBookImbalance;
        };
    }

    /**
     * Whether {@code t}, in the vwap_rejection pattern's entry zone, can confirm a vwap_rejection: {@code
     * volume_ratio >= vwap_rejection_volume_ratio_min} (false while it is undefined).
     */
    public static boolean confirmsVwap(SymbolTick t, StrategyConfig c) {
        return t.features().volumeRatio() >= c.vwapRejectionVolumeRatioMin;
    }

    /**
     * Whether {@code t} keeps a book_imbalance run of {@code direction} alive: its {@code imbalance}
     * is at least {@code book_imbalance_min} towards the direction ({@code >= +min} long, {@code <=
     * -min} short). False for a tick without quotes or with an empty top of book (SPEC.md §4: any
     * other tick breaks a run).
     */
    public static boolean holdsImbalance(SymbolTick t, Action direction, StrategyConfig c) {
        double imbalance = t.features().imbalance();
        return direction == Action.OPEN_LONG ? imbalance >= c.bookImbalanceMin : imbalance <= -c.bookImbalanceMin;
    }

    /**
     * A book_imbalance setup tick: {@link #holdsImbalance} with {@code spread_pct <=
     * book_imbalance_max_spread_pct}.
     */
    public static boolean isImbalanceSetup(SymbolTick t, Action direction, StrategyConfig c) {
        return holdsImbalance(t, direction, c) && t.features().spreadPct() <= c.bookImbalanceMaxSpreadPct;
    }

    /**
     * Whether {@code t} can confirm a book_imbalance setup at least {@code book_imbalance_persist_ms}
     * before it: a setup tick ({@link #isImbalanceSetup}) with {@code volume_ratio >=
     * book_imbalance_volume_ratio_min}.
     */
    public static boolean confirmsImbalance(SymbolTick t, Action direction, StrategyConfig c) {
        return isImbalanceSetup(t, direction, c) && t.features().volumeRatio() >= c.bookImbalanceVolumeRatioMin;
    }
}
