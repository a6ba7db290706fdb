package io.scalpsignals.executor.broker.paper;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerContractTest;
import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/** The paper broker under the broker contract: fills at the last price moved by the slippage, keeps no positions, models no depth. */
class PaperBrokerContractTest extends BrokerContractTest {

    private static final double SLIPPAGE = 0.0002;
    private static final double FEE = 0.00055;

    @TempDir
    Path dir;

    @Override
    protected Broker open(double price) {
        return new PaperBroker(dir, SLIPPAGE, FEE, 100);
    }

    @Override
    protected String venue() {
        return "paper";
    }

    @Override
    protected double fillPrice(int side, double price) {
        return price * (1 + side * SLIPPAGE);
    }

    @Override
    protected double feeRate() {
        return FEE;
    }

    @Override
    protected String feeCurrency() {
        return PaperBroker.FEE_CURRENCY;
    }

    /** Its order book's rows, read from its SQLite file. */
    @Override
    protected int ordersExecuted() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper-broker.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** An order without a quantity: nothing a venue can fill. */
    @Override
    protected Order refusedOrder(String id) {
        return Order.market(id, SYMBOL, InstrumentKind.LINEAR, 1, 0.0, PRICE, TS, false);
    }

    @Override
    protected boolean limitDepth(double qty) {
        return false;
    }

    @Override
    protected void holdAtVenue(double qty) {}
}
