package io.scalpsignals.testing;

/**
 * A signal line as the executor reads it (SPEC.md §6, without the feature record, which the
 * executor ignores), for tests and benchmarks: {@link #open} with the crypto-perp values of the
 * executor's scenarios, then a {@code with} for what a case changes.
 *
 * @param action {@code OPEN_LONG}, {@code OPEN_SHORT}, ... (any text: a test may want a bad one)
 * @param ts epoch ms
 * @param timeInTradeLimitSec seconds; {@code cooldownSec} likewise
 */
public record SignalLine(
        String intentId,
        String symbol,
        String action,
        String trigger,
        long ts,
        double price,
        int confidence,
        double leverage,
        double sizePct,
        double tpPct,
        double slPct,
        long timeInTradeLimitSec,
        long cooldownSec,
        double trailActivationRoi,
        double trailDistanceRoi) {

    /** A breakout open at confidence 72, leverage 5, size 0.15, tp 0.02, sl 0.015, 2,100 s, cooldown 900 s, trail 0.01/0.005. */
    public static SignalLine open(String intentId, String symbol, String action, long ts, double price) {
        return new SignalLine(
                intentId, symbol, action, "breakout", ts, price, 72, 5.0, 0.15, 0.02, 0.015, 2_100, 900, 0.01, 0.005);
    }

    public SignalLine withConfidence(int c) {
        return new SignalLine(
                intentId,
                symbol,
                action,
                trigger,
                ts,
                price,
                c,
                leverage,
                sizePct,
                tpPct,
                slPct,
                timeInTradeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi);
    }

    public SignalLine withTrigger(String t) {
        return new SignalLine(
                intentId,
                symbol,
                action,
                t,
                ts,
                price,
                confidence,
                leverage,
                sizePct,
                tpPct,
                slPct,
                timeInTradeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi);
    }

    /** Leverage and the margin's fraction of the available balance. */
    public SignalLine withSize(double lev, double fraction) {
        return new SignalLine(
                intentId,
                symbol,
                action,
                trigger,
                ts,
                price,
                confidence,
                lev,
                fraction,
                tpPct,
                slPct,
                timeInTradeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi);
    }

    /** Take profit, stop loss, time limit and cooldown; trailing activation and distance. */
    public SignalLine withExits(
            double tp, double sl, long timeLimitSec, long cooldown, double trailActivation, double trailDistance) {
        return new SignalLine(
                intentId,
                symbol,
                action,
                trigger,
                ts,
                price,
                confidence,
                leverage,
                sizePct,
                tp,
                sl,
                timeLimitSec,
                cooldown,
                trailActivation,
                trailDistance);
    }

    /** The JSON line, numbers as Java prints them ({@code 5.0}, {@code 0.15}). */
    public String json() {
        return "{\"intent_id\":\"" + intentId + "\",\"symbol\":\"" + symbol + "\",\"action\":\"" + action
                + "\",\"trigger\":\"" + trigger
                + "\",\"ts\":" + ts + ",\"price\":" + price + ",\"confidence\":" + confidence + ",\"leverage\":"
                + leverage
                + ",\"size_pct\":" + sizePct + ",\"tp_pct\":" + tpPct + ",\"sl_pct\":" + slPct
                + ",\"time_in_trade_limit_sec\":"
                + timeInTradeLimitSec + ",\"cooldown_sec\":" + cooldownSec + ",\"trail_activation_roi\":"
                + trailActivationRoi
                + ",\"trail_distance_roi\":" + trailDistanceRoi + ",\"strategy_version\":\"1\"}";
    }
}
