package io.scalpsignals.udf.triggers;

import io.scalpsignals.udf.config.StrategyConfig;

/**
 * Where a price stands against the session VWAP (SPEC.md §4, vwap_rejection): ABOVE when {@code
 * p >= vwap (1 + vwap_zone_pct)}, BELOW when {@code p <= vwap (1 - vwap_zone_pct)}, TOUCH when
 * {@code |p / vwap - 1| <= vwap_touch_pct}, otherwise NEUTRAL.
 */
public enum Zone {
    ABOVE,
    BELOW,
    TOUCH,
    NEUTRAL;

    public static Zone of(double price, double vwap, StrategyConfig c) {
        if (price >= vwap * (1 + c.vwapZonePct)) {
            return ABOVE;
        }
        if (price <= vwap * (1 - c.vwapZonePct)) {
            return BELOW;
        }
        return Math.abs(price / vwap - 1) <= c.vwapTouchPct ? TOUCH : NEUTRAL;
    }

    public static Zone of(SymbolTick t, StrategyConfig c) {
        return of(t.price(), t.features().vwap(), c);
    }
}
