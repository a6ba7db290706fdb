package io.scalpsignals.executor.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What every {@link Broker} must do, whatever its venue (exchange-core's {@code
 * OrderBookBaseTest} in small): one subclass per venue, against the venue itself or its fake. A
 * subclass makes a fresh venue per test and says how that venue behaves where venues differ (its
 * fill price, its fee rate, whether it keeps positions or models depth).
 */
public abstract class BrokerContractTest {

    protected static final String SYMBOL = "BTCUSDT";
    protected static final double PRICE = 50_000.0;
    protected static final long TS = 1_732_286_720_000L;

    private Broker broker;

    /** A fresh venue where {@link #SYMBOL} trades at {@code price}, and its broker. */
    protected abstract Broker open(double price) throws Exception;

    /** Its name for {@code --broker} ({@link Brokers}). */
    protected abstract String venue();

    /** The price a market order of {@code side} fills at, when the venue's price is {@code price}. */
    protected abstract double fillPrice(int side, double price);

    /** The venue's fee rate, fraction of the notional, and its currency. */
    protected abstract double feeRate();

    protected abstract String feeCurrency();

    /** How many orders the venue has executed. */
    protected abstract int ordersExecuted() throws Exception;

    /** An order of {@code id} the venue will refuse for good (the venue set up to refuse it, if need be). */
    protected abstract Order refusedOrder(String id);

    /**
     * Lets the venue fill at most {@code qty} of {@link #SYMBOL} per market order.
     *
     * @return false for a venue that models no depth (it fills any quantity)
     */
    protected abstract boolean limitDepth(double qty);

    /** Makes the venue hold {@code qty} (signed) of {@link #SYMBOL}, as if opened before; nothing for a venue that keeps no positions. */
    protected abstract void holdAtVenue(double qty);

    @BeforeEach
    void openVenue() throws Exception {
        broker = open(PRICE);
    }

    @AfterEach
    void closeVenue() {
        broker.close();
    }

    private static Order buy(String id, double qty) {
        return Order.market(id, SYMBOL, InstrumentKind.LINEAR, 1, qty, PRICE, TS, false);
    }

    @Test
    void itDeclaresWhatItsFactoryDeclaresWhichIsWhatTheExecutorChecksAtStart() {
        assertThat(broker.capabilities()).isEqualTo(Brokers.named(venue()).capabilities());
        assertThat(broker.capabilities().lacking(Capabilities.required(false, false)))
                .isEmpty();
    }

    @Test
    void aSecondPlaceOfTheSameClientOrderIdReturnsTheFirstFillAndNeverTradesTwice() throws Exception {
        FillReport first = broker.place(buy("intent-1", 0.5));
        FillReport again = broker.place(buy("intent-1", 0.5));

        assertThat(again).isEqualTo(first);
        assertThat(broker.query("intent-1")).contains(first);
        assertThat(ordersExecuted()).isEqualTo(1);
        assertThat(first.filledQty()).isEqualTo(0.5);
        assertThat(first.avgPrice()).isEqualTo(fillPrice(1, PRICE));
        assertThat(first.done()).isTrue();
        assertThat(broker.query("never-sent")).isEmpty();
    }

    @Test
    void aRefusedOrderTradesNothing() throws Exception {
        Order refused = refusedOrder("intent-refused");

        assertThatThrownBy(() -> broker.place(refused))
                .isInstanceOfSatisfying(
                        OrderRefused.class, e -> assertThat(e.kind()).isEqualTo(OrderRefused.Kind.REJECTED));
        assertThat(ordersExecuted()).isZero();
        assertThat(broker.query("intent-refused")).isEmpty();
    }

    @Test
    void aFillReportsTheFeeOnItsNotional() {
        FillReport fill = broker.place(buy("intent-fee", 0.2));

        assertThat(fill.fee()).isCloseTo(0.2 * fillPrice(1, PRICE) * feeRate(), within(1e-9));
        assertThat(fill.feeCurrency()).isEqualTo(feeCurrency());
    }

    @Test
    void aMarketOrderFillsWhatTheVenueHasAndIsDone() throws Exception {
        boolean depth = limitDepth(0.3);

        FillReport fill = broker.place(buy("intent-partial", 1.0));

        assertThat(fill.filledQty()).isEqualTo(depth ? 0.3 : 1.0);
        assertThat(fill.done()).isTrue();
        assertThat(fill.fee()).isCloseTo(fill.filledQty() * fill.avgPrice() * feeRate(), within(1e-9));
        assertThat(broker.query("intent-partial")).contains(fill);
        assertThat(ordersExecuted()).isEqualTo(1);
    }

    @Test
    void aReduceOnlyCloseOfAPositionTheVenueNoLongerHoldsOpensNothing() throws Exception {
        holdAtVenue(0.0);
        Order close = Order.market("intent-2-close", SYMBOL, InstrumentKind.LINEAR, -1, 0.5, PRICE, TS, true);

        Optional<java.util.List<PositionReport>> before = broker.positions();
        if (before.isPresent()) {
            assertThatThrownBy(() -> broker.place(close))
                    .isInstanceOfSatisfying(
                            OrderRefused.class, e -> assertThat(e.kind()).isEqualTo(OrderRefused.Kind.POSITION_GONE));
            assertThat(broker.positions().orElseThrow())
                    .noneMatch(p -> p.symbol().equals(SYMBOL));
            assertThat(ordersExecuted()).isZero();
        } else { // a venue that keeps no positions (the executor's ledger is the account) fills it
            assertThat(broker.place(close).filledQty()).isEqualTo(0.5);
        }
    }

    @Test
    void aReduceOnlyCloseOfAHeldPositionClosesIt() throws Exception {
        holdAtVenue(0.5);
        Order close = Order.market("intent-3-close", SYMBOL, InstrumentKind.LINEAR, -1, 0.5, PRICE, TS, true);

        FillReport fill = broker.place(close);

        assertThat(fill.filledQty()).isEqualTo(0.5);
        assertThat(fill.avgPrice()).isEqualTo(fillPrice(-1, PRICE));
        broker.positions()
                .ifPresent(positions -> assertThat(positions)
                        .noneMatch(p -> p.symbol().equals(SYMBOL) && p.qty().compareTo(BigDecimal.ZERO) != 0));
    }
}
