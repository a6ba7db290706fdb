package io.scalpsignals.model;

/**
 * A trading signal, the contract between the job and the executor (SPEC.md §6). Its {@code ts},
 * {@code price} and {@code features} are those of the tick at which it fired. {@code emitted_at}
 * is not part of the record: the sink writes the wall-clock time when it sends the signal.
 *
 * @param intentId deterministic UUIDv5 of {@code symbol|trigger|action|ts|strategy_version}, see
 *     {@link IntentIds}
 * @param symbol instrument
 * @param action {@code OPEN_LONG} or {@code OPEN_SHORT}
 * @param trigger what fired it
 * @param ts event time of the signal tick, epoch ms
 * @param price price of the signal tick
 * @param confidence 0..100
 * @param leverage position leverage, e.g. 5.0
 * @param sizePct margin as a fraction of the available balance (0.15 is 15 %)
 * @param tpPct take profit as a leveraged ROI fraction
 * @param slPct stop loss as a leveraged ROI fraction
 * @param timeInTradeLimitSec time limit of the position, seconds
 * @param cooldownSec cooldown after the position closes, seconds
 * @param trailActivationRoi ROI fraction that arms the trailing stop
 * @param trailDistanceRoi ROI fraction the trailing stop trails by
 * @param strategyVersion version string of the strategy that produced it
 * @param features the feature record of the signal tick
 */
public record Signal(
        String intentId,
        String symbol,
        Action action,
        Trigger trigger,
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
        double trailDistanceRoi,
        String strategyVersion,
        TickFeatures features) {}
