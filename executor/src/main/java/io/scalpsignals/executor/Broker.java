package io.scalpsignals.executor;

import java.math.BigDecimal;
import java.util.Map;
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
     * @param clientOrderId the intent id (36 characters); a close's is derived from its position's
     * @param symbol instrument, or the option contract
     * @param side +1 buy, -1 sell
     * @param qty base units, or whole contracts
     * @param referencePrice the last price the executor saw, quote units; for an option the quote's
     *     ask (buy) or bid (sell), per share
     * @param ts executor clock, epoch ms
     * @param option an option contract order
     * @param reduceOnly a close: it may only reduce a position, never open one the other way
     */
    record Order(
            String clientOrderId,
            String symbol,
            int side,
            double qty,
            double referencePrice,
            long ts,
            boolean option,
            boolean reduceOnly) {

        /** An open of a linear (perpetual or spot) position. */
        public Order(String clientOrderId, String symbol, int side, double qty, double referencePrice, long ts) {
            this(clientOrderId, symbol, side, qty, referencePrice, ts, false, false);
        }
    }

    /**
     * An order the venue will not take, final: retrying it cannot succeed. The executor settles
     * the intent as REJECTED with {@link #reason()} (an open), or the close as {@link
     * Decision#VENUE_CLOSED} (a reduce-only close of a position the venue no longer holds), and goes
     * on with the next event.
     */
    final class OrderRefused extends RuntimeException {
        private final Decision reason;

        /**
         * @param reason {@link Decision#BELOW_MIN_QTY} (not sent), {@link Decision#VENUE_REJECTED}
         *     or {@link Decision#VENUE_CLOSED}
         * @param detail for the journal: the venue's code and message, or the rule broken
         */
        public OrderRefused(Decision reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public Decision reason() {
            return reason;
        }
    }

    /** An executed order. */
    record Fill(String clientOrderId, double price, double qty) {}

    /**
     * Sends {@code order}, or returns its fill if it was sent before.
     *
     * @throws OrderRefused when the venue refuses it for good (nothing was traded)
     * @throws RuntimeException when the outcome is unknown (the venue unreachable past the retry
     *     budget, a fill not seen in time): the intent stays PENDING and a restart asks again by
     *     client order id
     */
    Fill place(Order order);

    /** The fill of an order sent before, if the broker knows it. */
    Optional<Fill> query(String clientOrderId);

    /**
     * The account's available balance at the venue, quote units, which sizes the opens instead of
     * the executor's own ledger; empty for a broker without an account of its own (the paper
     * broker: the ledger is the account).
     *
     * @throws RuntimeException when the venue cannot be read
     */
    default Optional<BigDecimal> availableBalance() {
        return Optional.empty();
    }

    /**
     * The venue's open linear positions, symbol to signed quantity in base units (+ long, - short);
     * empty for a broker that keeps none of its own (the paper broker).
     *
     * @throws RuntimeException when the venue cannot be read
     */
    default Optional<Map<String, BigDecimal>> positions() {
        return Optional.empty();
    }

    @Override
    void close();
}
