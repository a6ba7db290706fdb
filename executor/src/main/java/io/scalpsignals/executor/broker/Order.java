package io.scalpsignals.executor.broker;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import javax.annotation.Nullable;

/**
 * An order as the executor sends it, and as a PENDING intent records it before it leaves.
 *
 * @param clientOrderId the intent id (36 characters); a close's is derived from its position's
 * @param symbol the instrument, or the option contract (OCC symbol)
 * @param instrument what {@code symbol} is
 * @param side +1 buy, -1 sell
 * @param qty base units, or whole contracts
 * @param type market, or limit at {@code limitPrice}
 * @param limitPrice the limit price, quote units (per share for an option); null for a market order
 *     (a limit order without one, or a market order with one, is an {@link IllegalArgumentException})
 * @param timeInForce how long the order may rest ({@link TimeInForce#IOC} for a market order)
 * @param referencePrice the last price the executor saw, quote units; for an option the quote's
 *     ask (buy) or bid (sell), per share
 * @param ts executor clock, epoch ms
 * @param reduceOnly a close: it may only reduce a position, never open one the other way
 */
public record Order(
        String clientOrderId,
        String symbol,
        InstrumentKind instrument,
        int side,
        double qty,
        Type type,
        @Nullable Double limitPrice,
        TimeInForce timeInForce,
        double referencePrice,
        long ts,
        boolean reduceOnly) {

    /** Market or limit. */
    public enum Type {
        MARKET,
        LIMIT
    }

    /** How long an order may rest on the venue's book. */
    public enum TimeInForce {
        /** Good till cancelled. */
        GTC,
        /** Immediate or cancel: what is not filled at once is cancelled (every market order). */
        IOC,
        /** Fill or kill. */
        FOK,
        /** A maker order: cancelled by the venue instead of taking liquidity. */
        POST_ONLY,
        /** Until the trading day's close (stock and option venues). */
        DAY
    }

    /** A market order. */
    public static Order market(
            String clientOrderId,
            String symbol,
            InstrumentKind instrument,
            int side,
            double qty,
            double referencePrice,
            long ts,
            boolean reduceOnly) {
        return new Order(
                clientOrderId,
                symbol,
                instrument,
                side,
                qty,
                Type.MARKET,
                null,
                TimeInForce.IOC,
                referencePrice,
                ts,
                reduceOnly);
    }

    public Order {
        if ((type == Type.LIMIT) != (limitPrice != null)) {
            throw new IllegalArgumentException(
                    "order " + clientOrderId + ": a limit order has a limit price, a market order none");
        }
    }

    /** An order on an option contract. */
    public boolean option() {
        return instrument == InstrumentKind.OPTION_CONTRACT;
    }

    /**
     * Reads an order as a PENDING intent recorded it, in this version's form or in the earlier one
     * (a market order with {@code "option": true|false} instead of the instrument, type and time in force).
     */
    @JsonCreator
    static Order read(
            @JsonProperty("clientOrderId") String clientOrderId,
            @JsonProperty("symbol") String symbol,
            @JsonProperty("instrument") @Nullable InstrumentKind instrument,
            @JsonProperty("option") boolean option,
            @JsonProperty("side") int side,
            @JsonProperty("qty") double qty,
            @JsonProperty("type") @Nullable Type type,
            @JsonProperty("limitPrice") @Nullable Double limitPrice,
            @JsonProperty("timeInForce") @Nullable TimeInForce timeInForce,
            @JsonProperty("referencePrice") double referencePrice,
            @JsonProperty("ts") long ts,
            @JsonProperty("reduceOnly") boolean reduceOnly) {
        return new Order(
                clientOrderId,
                symbol,
                instrument != null ? instrument : option ? InstrumentKind.OPTION_CONTRACT : InstrumentKind.LINEAR,
                side,
                qty,
                type != null ? type : Type.MARKET,
                limitPrice,
                timeInForce != null ? timeInForce : TimeInForce.IOC,
                referencePrice,
                ts,
                reduceOnly);
    }
}
