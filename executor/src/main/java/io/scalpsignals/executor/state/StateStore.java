package io.scalpsignals.executor.state;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The executor's durable state: an embedded SQLite database ({@code state.db} under the state
 * directory, WAL journal, {@code synchronous=FULL}) holding intents (PENDING, FILLED, REJECTED;
 * SENT only as imported from the replaced system's state document, and treated as unsettled),
 * positions, cooldowns, last prices, the ledger and the trade journal ({@link StateSchema}: the
 * tables, their version and the migrations); opening a database of a newer schema, or one that is
 * not a database, fails with a {@link StateException} and changes nothing.
 *
 * <p>The positions, the last prices and the ledger are also held in memory, written through and
 * dropped when a transaction rolls back: the executor is the only writer of its state directory,
 * so the per-tick path reads no row back.
 *
 * <p>Every event is applied in one transaction ({@link #transaction}), or as one event of a group
 * that one transaction commits ({@link #batched}: group commit, one fsync for a group; the
 * executor's commands use groups of up to {@value #MAX_GROUP}), so a crash leaves either all of an
 * event or none of it.
 */
public final class StateStore implements AutoCloseable {

    /** The schema this executor reads and writes ({@link StateSchema}). */
    public static final int SCHEMA_VERSION = StateSchema.VERSION;

    /** Events a group commit holds at most in the executor's commands (see {@link #batched}). */
    public static final int MAX_GROUP = 1_000;

    private final Sql sql;
    /** Events per group: 1 commits every event. */
    private final int groupSize;
    /** Events applied since the last commit. */
    private int uncommitted;

    private long commits;
    /** In-memory copies of what is committed or written in the open transaction; null: not loaded. */
    @Nullable
    private TreeMap<String, Position> positions;

    @Nullable
    private Map<String, Double> lastPrices;

    @Nullable
    private Ledger ledger;

    private StateStore(Connection db, int groupSize) {
        this.sql = new Sql(db);
        this.groupSize = groupSize;
    }

    /**
     * Opens (creating if needed) {@code dir/state.db}; every event is committed alone.
     *
     * @throws StateException for a corrupt database or one of a newer schema
     */
    public static StateStore open(Path dir) {
        return open(dir, 1);
    }

    /**
     * Opens (creating if needed) {@code dir/state.db}, committing events in groups of up to
     * {@code groupSize} (see {@link #batched}).
     *
     * @throws StateException for a corrupt database or one of a newer schema
     * @throws IllegalArgumentException when {@code groupSize} is below 1
     */
    public static StateStore open(Path dir, int groupSize) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        }
        return new StateStore(StateSchema.open(dir), groupSize);
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public <T> T transaction(Supplier<T> work) {
        T result = batched(work);
        commit();
        return result;
    }

    /**
     * Runs {@code work} as one event of the open group of events, which is committed (one fsync)
     * by {@link #commit()} or once it holds the group size's events: a crash loses the events of
     * an uncommitted group, all of each, never part of one. The caller commits what must be durable
     * before it acts outside the state (an intent before its order leaves) and stores its read
     * position with every event, so what a crash lost is read and applied again.
     *
     * @throws RuntimeException from {@code work}: every event of the open group is then rolled
     *     back, and the caller must stop (a restart applies them again from the committed position)
     */
    public <T> T batched(Supplier<T> work) {
        try {
            T result = work.get();
            if (++uncommitted >= groupSize) {
                commit();
            }
            return result;
        } catch (RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /** Commits the open group of events (nothing when none is open). */
    public void commit() {
        if (uncommitted == 0) {
            return;
        }
        try {
            sql.commit();
            commits++;
            uncommitted = 0;
        } catch (SQLException e) {
            rollback(e);
            throw new StateException("cannot commit the executor state: " + e.getMessage(), e);
        }
    }

    /** Transactions committed since this store was opened (each one fsync). */
    public long commits() {
        return commits;
    }

    /** Whether every event applied so far is committed. */
    public boolean committed() {
        return uncommitted == 0;
    }

    private void rollback(Exception cause) {
        uncommitted = 0;
        positions = null;
        lastPrices = null;
        ledger = null;
        try {
            sql.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    // ---- controls ----

    /** Records a request for the executor that owns this directory, committed at once (any process). */
    public void requestControl(String command, @Nullable String symbol, long requestedAt) {
        transaction(() -> sql.update(
                "INSERT INTO controls (command, symbol, requested_at) VALUES (?, ?, ?)", command, symbol, requestedAt));
    }

    /** The requests not applied yet, oldest first. */
    public List<Control> controls() {
        return sql.query("SELECT seq, command, symbol FROM controls ORDER BY seq", rs -> {
            List<Control> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Control(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
            return out;
        });
    }

    /** Marks a request applied, in the transaction that applies it. */
    public void controlApplied(long seq) {
        sql.update("DELETE FROM controls WHERE seq = ?", seq);
    }

    // ---- intents ----

    public boolean knowsIntent(String intentId) {
        return sql.query("SELECT 1 FROM intents WHERE intent_id = ?", rs -> rs.next(), intentId);
    }

    public void recordIntent(
            String intentId, @Nullable String symbol, IntentStatus status, long ts, long recordedAt, String signal) {
        sql.update(
                "INSERT INTO intents (intent_id, symbol, status, ts, recorded_at, signal) VALUES (?, ?, ?, ?, ?, ?)",
                intentId,
                symbol,
                status.name(),
                ts,
                recordedAt,
                signal);
    }

    public void setIntentStatus(String intentId, IntentStatus status) {
        sql.update("UPDATE intents SET status = ? WHERE intent_id = ?", status.name(), intentId);
    }

    /** Replaces what a PENDING intent records ({@code signal} column; a resting limit entry's progress). */
    public void setIntentRecord(String intentId, String signal) {
        sql.update("UPDATE intents SET signal = ? WHERE intent_id = ?", signal, intentId);
    }

    /** Intents whose order may or may not have been sent: PENDING or SENT. */
    public Map<String, String> unsettledIntents() {
        return sql.query(
                "SELECT intent_id, signal FROM intents WHERE status IN ('PENDING', 'SENT') ORDER BY recorded_at",
                rs -> {
                    Map<String, String> out = new LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                    return out;
                });
    }

    /** Every known intent: id to {@code [symbol, status, ts, recorded_at]}, in recording order. */
    public Map<String, Object[]> intents() {
        return sql.query(
                "SELECT intent_id, symbol, status, ts, recorded_at FROM intents ORDER BY recorded_at, intent_id",
                rs -> {
                    Map<String, Object[]> out = new LinkedHashMap<>();
                    while (rs.next()) {
                        out.put(
                                rs.getString(1),
                                new Object[] {rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)});
                    }
                    return out;
                });
    }

    /** Forgets settled intents recorded before {@code before}; returns how many. */
    public int purgeIntents(long before) {
        return sql.update("DELETE FROM intents WHERE recorded_at < ? AND status NOT IN ('PENDING', 'SENT')", before);
    }

    // ---- positions, cooldowns, prices ----

    public Optional<Position> position(String symbol) {
        return Optional.ofNullable(loadedPositions().get(symbol));
    }

    /** The open position of {@code symbol}, or null; no allocation (read per tick). */
    @Nullable
    public Position positionOf(String symbol) {
        return loadedPositions().get(symbol);
    }

    /** Whether any position is open (read per tick). */
    public boolean hasPositions() {
        return !loadedPositions().isEmpty();
    }

    /** The open positions, by symbol. */
    public List<Position> positions() {
        return new ArrayList<>(loadedPositions().values());
    }

    private TreeMap<String, Position> loadedPositions() {
        if (positions == null) {
            positions = sql.query("SELECT position FROM positions", rs -> {
                TreeMap<String, Position> out = new TreeMap<>();
                while (rs.next()) {
                    Position p = Sql.fromJson(rs.getString(1), Position.class);
                    out.put(p.symbol(), p);
                }
                return out;
            });
        }
        return positions;
    }

    public void putPosition(Position p) {
        sql.update("INSERT OR REPLACE INTO positions (symbol, position) VALUES (?, ?)", p.symbol(), Sql.toJson(p));
        loadedPositions().put(p.symbol(), p);
    }

    public void removePosition(String symbol) {
        sql.update("DELETE FROM positions WHERE symbol = ?", symbol);
        loadedPositions().remove(symbol);
    }

    public long cooldownUntil(String symbol, int direction) {
        return sql.query(
                "SELECT until_ts FROM cooldowns WHERE symbol = ? AND direction = ?",
                rs -> rs.next() ? rs.getLong(1) : Long.MIN_VALUE,
                symbol,
                direction);
    }

    public void setCooldown(String symbol, int direction, long until) {
        sql.update(
                "INSERT OR REPLACE INTO cooldowns (symbol, direction, until_ts) VALUES (?, ?, ?)",
                symbol,
                direction,
                until);
    }

    public Map<String, Long> cooldowns() {
        return sql.query("SELECT symbol, direction, until_ts FROM cooldowns ORDER BY symbol, direction", rs -> {
            Map<String, Long> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1) + "_" + (rs.getInt(2) > 0 ? "long" : "short"), rs.getLong(3));
            }
            return out;
        });
    }

    public void setLastPrice(String symbol, double price) {
        sql.update("INSERT OR REPLACE INTO last_prices (symbol, price) VALUES (?, ?)", symbol, price);
        loadedLastPrices().put(symbol, price);
    }

    /**
     * Records the touch of {@code symbol}'s last tick with quotes ({@code entry_order: limit} rests
     * its opens there), so that a restart rests them where the run before it would have.
     */
    public void setTouch(String symbol, double bid, double ask, double bidSize, double askSize) {
        sql.update(
                "INSERT OR REPLACE INTO touches (symbol, bid, ask, bid_size, ask_size) VALUES (?, ?, ?, ?, ?)",
                symbol,
                bid,
                ask,
                bidSize,
                askSize);
    }

    /** Every symbol's recorded touch as {@code [bid, ask, bid_size, ask_size]}. */
    public Map<String, double[]> touches() {
        return sql.query("SELECT symbol, bid, ask, bid_size, ask_size FROM touches", rs -> {
            Map<String, double[]> out = new HashMap<>();
            while (rs.next()) {
                out.put(
                        rs.getString(1),
                        new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)});
            }
            return out;
        });
    }

    /** The last price of every symbol seen; a read-only view. */
    public Map<String, Double> lastPrices() {
        return Collections.unmodifiableMap(loadedLastPrices());
    }

    private Map<String, Double> loadedLastPrices() {
        if (lastPrices == null) {
            lastPrices = sql.query("SELECT symbol, price FROM last_prices", rs -> {
                Map<String, Double> out = new HashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
                return out;
            });
        }
        return lastPrices;
    }

    // ---- ledger and journal ----

    /** A copy of the stored ledger (the caller may change it), or a fresh one at {@code startingBalance}. */
    public Ledger ledger(BigDecimal startingBalance) {
        Ledger stored = storedLedger();
        return stored == null ? new Ledger(startingBalance) : stored.copy();
    }

    /** The stored ledger's clock, epoch ms, {@link Ledger#NONE} before the first event; no copy (read per tick). */
    public long ledgerClock() {
        Ledger stored = storedLedger();
        return stored == null ? Ledger.NONE : stored.clock;
    }

    /** The last Kafka offset the stored ledger records as applied for {@code partition}, or null; no copy (read per record). */
    @Nullable
    public Long appliedOffset(String partition) {
        Ledger stored = storedLedger();
        return stored == null ? null : stored.offsets.get(partition);
    }

    @Nullable
    private Ledger storedLedger() {
        if (ledger == null) {
            ledger = sql.query(
                    "SELECT state FROM ledger WHERE id = 1",
                    rs -> rs.next() ? Sql.fromJson(rs.getString(1), Ledger.class) : null);
        }
        return ledger;
    }

    public void putLedger(Ledger l) {
        sql.update("INSERT OR REPLACE INTO ledger (id, state) VALUES (1, ?)", Sql.toJson(l));
        ledger = l.copy();
    }

    public void journal(String line) {
        sql.update("INSERT INTO journal (line) VALUES (?)", line);
    }

    public List<String> journal() {
        return sql.query("SELECT line FROM journal ORDER BY seq", rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        });
    }

    @Override
    public void close() {
        sql.close();
    }
}
