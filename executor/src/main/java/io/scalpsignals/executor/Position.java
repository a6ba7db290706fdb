package io.scalpsignals.executor;

import java.math.BigDecimal;

/**
 * An open position, one per symbol (one-way mode).
 *
 * @param symbol instrument
 * @param direction +1 long, -1 short
 * @param intentId the intent that opened it (the order's client order id)
 * @param entryPrice fill price
 * @param qty base units
 * @param margin quote units locked
 * @param entryFee quote units paid at the open
 * @param leverage leverage
 * @param openedTs executor clock at the open, epoch ms
 * @param tpPct take profit, leveraged ROI fraction
 * @param slPct stop loss, leveraged ROI fraction
 * @param timeLimitSec time limit
 * @param cooldownSec cooldown after the close
 * @param trailActivationRoi ROI that arms the trailing stop
 * @param trailDistanceRoi ROI distance of the trailing stop
 * @param maxRoi the highest ROI seen since the open (trailing-stop state)
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
        double maxRoi) {

    /** Leveraged ROI at {@code price}: {@code dir (p - entry) / entry * leverage}. */
    public double roi(double price) {
        return direction * (price - entryPrice) / entryPrice * leverage;
    }

    /** Unrealized PnL at {@code price}, before the exit fee, quote units. */
    public BigDecimal unrealized(double price) {
        return Money.of(direction * (price - entryPrice) * qty);
    }

    public Position withMaxRoi(double roi) {
        return new Position(symbol, direction, intentId, entryPrice, qty, margin, entryFee, leverage, openedTs,
                tpPct, slPct, timeLimitSec, cooldownSec, trailActivationRoi, trailDistanceRoi, roi);
    }
}
