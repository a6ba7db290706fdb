package io.scalpsignals.executor.state;

import io.scalpsignals.executor.config.Money;

import com.fasterxml.jackson.annotation.JsonIgnore;

import javax.annotation.Nullable;

import java.math.BigDecimal;

/**
 * An open position, one per symbol (one-way mode). An options scalp is kept under its underlying's
 * symbol with the direction of the signal (+1 a call, -1 a put) and is always long its {@code
 * contract}: its ROI and PnL follow the contract's price, whatever the direction.
 *
 * @param symbol instrument, or the underlying of an option contract
 * @param direction +1 long, -1 short; for an option the signal's view: +1 a call, -1 a put (both
 *     held long)
 * @param intentId the intent that opened it (the order's client order id)
 * @param entryPrice fill price (an option: per share)
 * @param qty base units, or contracts
 * @param margin quote units locked (an option: the premium paid)
 * @param entryFee quote units paid at the open
 * @param leverage leverage (1 for an option)
 * @param openedTs executor clock at the open, epoch ms
 * @param tpPct take profit, leveraged ROI fraction
 * @param slPct stop loss, leveraged ROI fraction
 * @param timeLimitSec time limit
 * @param cooldownSec cooldown after the close
 * @param trailActivationRoi ROI that arms the trailing stop (0: none)
 * @param trailDistanceRoi ROI distance of the trailing stop
 * @param maxRoi the highest ROI seen since the open (trailing-stop state)
 * @param contract the option contract held, or null for a linear position
 * @param multiplier units per quantity: shares per contract for an option, 1 for a linear position
 *     (0, as a state written before options were supported holds, reads as 1)
 * @param trigger the trigger of the signal that opened it, or null (a signal without one, a state
 *     written before triggers were kept): MARKET_REVERSAL applies to the triggers it names
 */
public record Position(
        String symbol,
        int direction,
        String intentId,
        double entryPrice,
        double qty,
        BigDecimal margin,
        BigDecimal entryFee,
        double leverage,
        long openedTs,
        double tpPct,
        double slPct,
        long timeLimitSec,
        long cooldownSec,
        double trailActivationRoi,
        double trailDistanceRoi,
        double maxRoi,
        @Nullable String contract,
        int multiplier,
        @Nullable String trigger) {

    public Position {
        if (multiplier == 0) {
            multiplier = 1;
        }
    }

    /** A linear position (perpetual or spot) without a trigger. */
    public Position(
            String symbol,
            int direction,
            String intentId,
            double entryPrice,
            double qty,
            BigDecimal margin,
            BigDecimal entryFee,
            double leverage,
            long openedTs,
            double tpPct,
            double slPct,
            long timeLimitSec,
            long cooldownSec,
            double trailActivationRoi,
            double trailDistanceRoi,
            double maxRoi) {
        this(
                symbol,
                direction,
                intentId,
                entryPrice,
                qty,
                margin,
                entryFee,
                leverage,
                openedTs,
                tpPct,
                slPct,
                timeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi,
                maxRoi,
                null,
                1,
                null);
    }

    @JsonIgnore // derived, not stored
    public boolean isOption() {
        return contract != null;
    }

    /** The side held: the direction, and +1 for an option (a bought call or put). */
    @JsonIgnore // derived, not stored
    public int side() {
        return isOption() ? 1 : direction;
    }

    /** Leveraged ROI at {@code price}: {@code side (p - entry) / entry * leverage} (SPEC.md §7). */
    public double roi(double price) {
        return side() * (price - entryPrice) / entryPrice * leverage;
    }

    /** Unrealized PnL at {@code price}, before the exit fee, quote units. */
    public BigDecimal unrealized(double price) {
        return Money.of(side() * (price - entryPrice) * qty * multiplier);
    }

    /** The value traded at {@code price}, quote units: {@code price * qty * multiplier}. */
    public double notional(double price) {
        return price * qty * multiplier;
    }

    /** The side of the order that closes it: +1 buy, -1 sell. */
    public int closingSide() {
        return -side();
    }

    public Position withEntryFee(BigDecimal fee) {
        return new Position(
                symbol,
                direction,
                intentId,
                entryPrice,
                qty,
                margin,
                fee,
                leverage,
                openedTs,
                tpPct,
                slPct,
                timeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi,
                maxRoi,
                contract,
                multiplier,
                trigger);
    }

    /**
     * The exit at {@code price} and executor time {@code now}, in SPEC.md §7's priority order, or
     * null: STOP_LOSS (roi at or below {@code -sl_pct}), TAKE_PROFIT (roi at or above {@code
     * tp_pct}), TRAILING_STOP (once the best roi, this one included, reached {@code
     * trail_activation_roi}, roi at or below that best less {@code trail_distance_roi}), TIME_EXIT
     * (older than {@code time_in_trade_limit_sec}).
     */
    @Nullable
    public ExitReason exit(double price, long now) {
        double roi = roi(price);
        double best = Math.max(maxRoi, roi);
        if (roi <= -slPct) {
            return ExitReason.STOP_LOSS;
        }
        if (roi >= tpPct) {
            return ExitReason.TAKE_PROFIT;
        }
        if (best >= trailActivationRoi && trailActivationRoi > 0 && roi <= best - trailDistanceRoi) {
            return ExitReason.TRAILING_STOP;
        }
        return now - openedTs > timeLimitSec * 1000L ? ExitReason.TIME_EXIT : null;
    }

    public Position withMaxRoi(double roi) {
        return new Position(
                symbol,
                direction,
                intentId,
                entryPrice,
                qty,
                margin,
                entryFee,
                leverage,
                openedTs,
                tpPct,
                slPct,
                timeLimitSec,
                cooldownSec,
                trailActivationRoi,
                trailDistanceRoi,
                roi,
                contract,
                multiplier,
                trigger);
    }

    /**
     * Whether a top-of-book {@code imbalance} (SPEC.md §4; NaN without quotes) is at least {@code
     * threshold} against this position: {@code <= -threshold} for a long, {@code >= +threshold} for
     * a short (SPEC.md §7 MARKET_REVERSAL, checked after the other exits).
     */
    public boolean reversedBy(double imbalance, double threshold) {
        return direction > 0 ? imbalance <= -threshold : imbalance >= threshold;
    }
}
