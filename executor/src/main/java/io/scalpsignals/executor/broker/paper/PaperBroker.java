package io.scalpsignals.executor.broker.paper;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.Capabilities;
import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;
import io.scalpsignals.executor.state.StateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The embedded paper broker (SPEC.md §7): fills a market order in full at its reference price (the
 * last tick) moved against it by {@code slippage_pct}; an option order at its reference price as
 * is, which is the ask (buy) or bid (sell) of the contract's latest snapshot; a limit order in full
 * at its limit, charging {@code maker_fee_pct} (the executor sends a limit entry once its queue
 * model has decided what filled: {@code LimitEntries}). It charges {@code fee_pct} of the notional ({@code price * qty}, times the contract multiplier for an option),
 * reported in the quote currency ({@value #FEE_CURRENCY}). Its order book is its own SQLite file
 * ({@code paper-broker.db}), committed on every order, so that it behaves like an exchange that
 * outlives the executor: after a crash the executor finds there which orders went out. It holds no
 * positions of its own (the executor's ledger is the account), so a reduce-only close always fills;
 * it refuses only an order without a quantity above 0.
 */
public final class PaperBroker implements Broker {

    /** The paper venue's fees are in the instrument's quote currency. */
    public static final String FEE_CURRENCY = "QUOTE";

    /** The OCC option symbol: root, expiry YYMMDD, C or P, strike times 1,000 in eight digits. */
    private static final Pattern OCC_SYMBOL = Pattern.compile("[A-Z][A-Z0-9.]{0,5}\\d{6}[CP]\\d{8}");

    private final Connection db;
    private final double slippagePct;
    private final double feePct;
    private final double makerFeePct;
    private final int contractMultiplier;

    /**
     * @param dir where {@code paper-broker.db} lives (made if missing)
     * @param slippagePct fraction of the price a market order pays against it
     * @param feePct fraction of the notional charged per fill
     * @param contractMultiplier shares per option contract
     * @throws StateException when the order book cannot be opened (the executor then exits with 2, as
     *     for its own state)
     */
    public PaperBroker(Path dir, double slippagePct, double feePct, int contractMultiplier) {
        this(dir, slippagePct, feePct, feePct, contractMultiplier);
    }

    /**
     * @param makerFeePct fraction of the notional charged for a limit order's fill
     * @see #PaperBroker(Path, double, double, int)
     */
    public PaperBroker(Path dir, double slippagePct, double feePct, double makerFeePct, int contractMultiplier) {
        this.slippagePct = slippagePct;
        this.feePct = feePct;
        this.makerFeePct = makerFeePct;
        this.contractMultiplier = contractMultiplier;
        try {
            Files.createDirectories(dir);
            this.db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper-broker.db"));
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE IF NOT EXISTS orders (client_order_id TEXT PRIMARY KEY, symbol TEXT NOT NULL,"
                        + " side INTEGER NOT NULL, qty REAL NOT NULL, price REAL NOT NULL, ts INTEGER NOT NULL)");
                // limit orders beside it, so that the version before them still reads and writes the book
                st.execute("CREATE TABLE IF NOT EXISTS maker_orders (client_order_id TEXT PRIMARY KEY)");
            }
        } catch (SQLException | IOException e) {
            throw failure("cannot open the paper broker's order book", e);
        }
    }

    /** Options, limit orders and reduce-only closes. */
    public static final Capabilities CAPABILITIES = new Capabilities(true, true, true);

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** Its limit orders are filled by the executor's queue model: what filled is sent here to be booked. */
    @Override
    public boolean fillsLimitOrdersFromTicks() {
        return true;
    }

    @Override
    public FillReport place(Order order) {
        Optional<FillReport> known = query(order.clientOrderId());
        if (known.isPresent()) {
            return known.get();
        }
        if (!(order.qty() > 0)) {
            throw new OrderRefused(
                    OrderRefused.Kind.REJECTED, "paper: an order needs a quantity above 0, got " + order.qty());
        }
        double price = order.type() == Order.Type.LIMIT
                ? order.limitPrice()
                : order.option() ? order.referencePrice() : order.referencePrice() * (1 + order.side() * slippagePct);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
            if (order.type() == Order.Type.LIMIT) { // first: a crash between the two leaves no unmarked limit order
                try (PreparedStatement maker = db.prepareStatement("INSERT OR IGNORE INTO maker_orders VALUES (?)")) {
                    maker.setString(1, order.clientOrderId());
                    maker.executeUpdate();
                }
            }
            ps.setString(1, order.clientOrderId());
            ps.setString(2, order.symbol());
            ps.setInt(3, order.side());
            ps.setDouble(4, order.qty());
            ps.setDouble(5, price);
            ps.setLong(6, order.ts());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("paper order failed", e);
        }
        return fill(order.clientOrderId(), order.symbol(), price, order.qty(), order.type() == Order.Type.LIMIT);
    }

    @Override
    public Optional<FillReport> query(String clientOrderId) {
        try (PreparedStatement ps =
                db.prepareStatement("SELECT o.symbol, o.price, o.qty, m.client_order_id IS NOT NULL FROM orders o"
                        + " LEFT JOIN maker_orders m ON m.client_order_id = o.client_order_id"
                        + " WHERE o.client_order_id = ?")) {
            ps.setString(1, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(fill(
                                clientOrderId, rs.getString(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4) == 1))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("paper order query failed", e);
        }
    }

    /**
     * A whole fill, charged the maker fee when {@code maker} (a limit order); an option contract (an
     * OCC symbol, e.g. {@code TSLA241122C00350000}) pays on its multiplier.
     */
    private FillReport fill(String clientOrderId, String symbol, double price, double qty, boolean maker) {
        double notional = price * qty * (OCC_SYMBOL.matcher(symbol).matches() ? contractMultiplier : 1);
        return new FillReport(clientOrderId, qty, price, notional * (maker ? makerFeePct : feePct), FEE_CURRENCY, true);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("cannot close the paper broker", e);
        }
    }

    private static StateException failure(String what, Exception e) {
        return new StateException(what + ": " + e.getMessage(), e);
    }
}
