package io.scalpsignals.executor;

import java.util.Optional;

/**
 * Where orders go. Implementations must be idempotent by client order id: placing an order whose
 * id the broker already knows returns the existing fill and never trades twice (exchanges reject
 * a duplicate client order id, e.g. Bybit error 110072, and the adapter then queries the order).
 */
public interface Broker extends AutoCloseable {

    /**
     * A market order.
     *
     * @param clientOrderId the intent id (36 characters)
     * @param symbol instrument, or the option contract
     * @param side +1 buy, -1 sell
     * @param qty base units, or whole contracts
     * @param referencePrice the last price the executor saw, quote units; for an option the quote's
     *     ask (buy) or bid (sell), per share
     * @param ts executor clock, epoch ms
     * @param option an option contract order
     */
    record Order(String clientOrderId, String symbol, int side, double qty, double referencePrice, long ts, boolean option) {

        /** A linear (perpetual or spot) order. */
        public Order(String clientOrderId, String symbol, int side, double qty, double referencePrice, long ts) {
            this(clientOrderId, symbol, side, qty, referencePrice, ts, false);
        }
    }

    /** An executed order. */
    record Fill(String clientOrderId, double price, double qty) {}

    /** Sends {@code order}, or returns its fill if it was sent before. */
    Fill place(Order order);

    /** The fill of an order sent before, if the broker knows it. */
    Optional<Fill> query(String clientOrderId);

    @Override
    void close();
}
