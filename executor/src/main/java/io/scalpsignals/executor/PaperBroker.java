package io.scalpsignals.executor;

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

/**
 * The embedded paper broker (SPEC.md §7): fills a market order at its reference price (the last
 * tick) moved against it by {@code slippage_pct}; an option order at its reference price as is,
 * which is the ask (buy) or bid (sell) of the contract's latest snapshot. Its order book is its own SQLite file ({@code
 * paper-broker.db}), committed on every order, so that it behaves like an exchange that outlives
 * the executor: after a crash the executor finds there which orders went out.
 */
public final class PaperBroker implements Broker {

    private final Connection db;
    private final double slippagePct;

    /**
     * @throws StateStore.StateException when the order book cannot be opened
     */
    public PaperBroker(Path dir, double slippagePct) {
        this.slippagePct = slippagePct;
        try {
            Files.createDirectories(dir);
            this.db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("paper-broker.db"));
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE IF NOT EXISTS orders (client_order_id TEXT PRIMARY KEY, symbol TEXT NOT NULL,"
                        + " side INTEGER NOT NULL, qty REAL NOT NULL, price REAL NOT NULL, ts INTEGER NOT NULL)");
            }
        } catch (SQLException | IOException e) {
            throw new StateStore.StateException("cannot open the paper broker's order book: " + e.getMessage(), e);
        }
    }

    @Override
    public Fill place(Order order) {
        Optional<Fill> known = query(order.clientOrderId());
        if (known.isPresent()) {
            return known.get();
        }
        double price =
                order.option() ? order.referencePrice() : order.referencePrice() * (1 + order.side() * slippagePct);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, order.clientOrderId());
            ps.setString(2, order.symbol());
            ps.setInt(3, order.side());
            ps.setDouble(4, order.qty());
            ps.setDouble(5, price);
            ps.setLong(6, order.ts());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateStore.StateException("paper order failed: " + e.getMessage(), e);
        }
        return new Fill(order.clientOrderId(), price, order.qty());
    }

    @Override
    public Optional<Fill> query(String clientOrderId) {
        try (PreparedStatement ps = db.prepareStatement("SELECT price, qty FROM orders WHERE client_order_id = ?")) {
            ps.setString(1, clientOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Fill(clientOrderId, rs.getDouble(1), rs.getDouble(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StateStore.StateException("paper order query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StateStore.StateException("cannot close the paper broker: " + e.getMessage(), e);
        }
    }
}
