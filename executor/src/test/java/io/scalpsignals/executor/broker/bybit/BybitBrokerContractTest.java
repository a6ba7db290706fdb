package io.scalpsignals.executor.broker.bybit;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerContractTest;
import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;

import org.junit.jupiter.api.AfterEach;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The Bybit adapter under the broker contract, against the fake venue: fills at the venue's price, keeps positions, models depth. */
class BybitBrokerContractTest extends BrokerContractTest {

    private static final String KEY = "contract-key";
    private static final String SECRET = "contract-secret";

    private FakeBybit fake;

    @Override
    protected Broker open(double price) throws Exception {
        fake = new FakeBybit(KEY, SECRET);
        fake.price(SYMBOL, price);
        return new BybitBroker(fake.base(), KEY, SECRET, Clock.fixed(Instant.ofEpochMilli(TS), ZoneOffset.UTC));
    }

    @AfterEach
    void closeFake() {
        fake.close();
    }

    @Override
    protected String venue() {
        return "bybit";
    }

    @Override
    protected double fillPrice(int side, double price) {
        return price;
    }

    @Override
    protected double feeRate() {
        return FakeBybit.TAKER_FEE.doubleValue();
    }

    @Override
    protected String feeCurrency() {
        return BybitBroker.SETTLE_COIN;
    }

    @Override
    protected int ordersExecuted() {
        return fake.orderCount();
    }

    /** Bybit 110007: insufficient available balance. */
    @Override
    protected Order refusedOrder(String id) {
        fake.failNext(110007, 1);
        return Order.market(id, SYMBOL, InstrumentKind.LINEAR, 1, 0.5, PRICE, TS, false);
    }

    @Override
    protected boolean limitDepth(double qty) {
        fake.liquidity(SYMBOL, BigDecimal.valueOf(qty));
        return true;
    }

    @Override
    protected void holdAtVenue(double qty) {
        if (qty == 0) {
            fake.flatten(SYMBOL);
        } else {
            fake.positionAtVenue(SYMBOL, BigDecimal.valueOf(qty));
        }
    }
}
