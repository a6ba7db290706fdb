package io.scalpsignals.executor.broker;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Where orders go: one implementation per venue, each in a package of its own and made by its
 * {@link BrokerFactory}. Every implementation passes the contract test ({@code
 * BrokerContractTest}): idempotent by client order id (placing an order whose id the venue
 * already knows returns the first fill and never trades twice: exchanges reject a duplicate
 * client order id, e.g. Bybit error 110072, and the adapter then queries the order), a refused
 * order trades nothing, a reduce-only close of a position the venue no longer holds is refused as
 * {@link OrderRefused.Kind#POSITION_GONE}, a fill reports its fee.
 */
public interface Broker extends AutoCloseable {

    /** What this venue can trade; the executor refuses a start that needs more ({@link Capabilities#lacking}). */
    Capabilities capabilities();

    /**
     * Sends {@code order}, or returns its fill if it was sent before.
     *
     * @return the order's final fill: {@link FillReport#done()}, its filled quantity possibly
     *     under the order's (a partial fill the venue will not complete; a post-only limit order
     *     cancelled with what filled once {@code limit_timeout_ms} passed)
     * @throws OrderRefused when the venue refuses it for good (nothing was traded)
     * @throws OutcomeUnknown when the outcome is unknown (the venue unreachable past the retry
     *     budget, a fill not seen in time): the intent stays PENDING and a restart asks again by
     *     client order id
     */
    FillReport place(Order order);

    /**
     * The fill of an order sent before, if the venue knows the order and it is done.
     *
     * @throws OutcomeUnknown when the venue cannot be asked
     */
    Optional<FillReport> query(String clientOrderId);

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
     * The venue's open positions, linear and option contracts, in symbol order; empty for a broker
     * that keeps none of its own (the paper broker).
     *
     * @throws RuntimeException when the venue cannot be read
     */
    default Optional<List<PositionReport>> positions() {
        return Optional.empty();
    }

    /**
     * Whether the executor's queue model decides what a limit order fills, from the market's later
     * trades (SPEC.md §7 "Limit entries": the paper broker, which then books the fill sent to it);
     * false for a venue whose own book fills a limit order, which {@link #place} then rests,
     * follows and cancels when {@code limit_timeout_ms} has passed.
     */
    default boolean fillsLimitOrdersFromTicks() {
        return false;
    }

    /** Reports every request to the venue to {@code metrics} from now on; nothing for a venue without requests. */
    default void reportTo(BrokerMetrics metrics) {}

    @Override
    void close();
}
