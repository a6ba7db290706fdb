package io.scalpsignals.executor.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The state database's tables and their version ({@code PRAGMA user_version}): made on a first
 * open, migrated from an older version, refused when newer than this executor reads.
 */
final class StateSchema {

    /** The schema this executor reads and writes. */
    static final int VERSION = 1;

    private static final String[] V1 = {
        "CREATE TABLE intents (intent_id TEXT PRIMARY KEY, symbol TEXT, status TEXT NOT NULL, ts INTEGER NOT NULL,"
                + " recorded_at INTEGER NOT NULL, signal TEXT)",
        "CREATE INDEX intents_recorded ON intents(recorded_at)",
        "CREATE TABLE positions (symbol TEXT PRIMARY KEY, position TEXT NOT NULL)",
        "CREATE TABLE cooldowns (symbol TEXT NOT NULL, direction INTEGER NOT NULL, until_ts INTEGER NOT NULL,"
                + " PRIMARY KEY (symbol, direction))",
        "CREATE TABLE last_prices (symbol TEXT PRIMARY KEY, price REAL NOT NULL)",
        "CREATE TABLE ledger (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)",
        "CREATE TABLE journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, line TEXT NOT NULL)"
    };

    /** Requests of {@code executor pause|resume|close} for the executor that owns the directory. */
    private static final String CONTROLS = "CREATE TABLE IF NOT EXISTS controls (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " command TEXT NOT NULL, symbol TEXT, requested_at INTEGER NOT NULL)";

    /** The touch (best bid and ask, their sizes) of each symbol's last tick with quotes: what a limit entry rests at. */
    private static final String TOUCHES =
            "CREATE TABLE IF NOT EXISTS touches (symbol TEXT PRIMARY KEY, bid REAL NOT NULL,"
                    + " ask REAL NOT NULL, bid_size REAL NOT NULL, ask_size REAL NOT NULL)";

    private StateSchema() {}

    /**
     * Opens (creating if needed) {@code dir/state.db} in WAL mode with {@code synchronous=FULL},
     * its tables made or migrated to {@link #VERSION}, auto-commit off.
     *
     * @throws StateException for a corrupt database or one of a newer schema (nothing is
     *     changed), or a directory that cannot be made
     */
    static Connection open(Path dir) {
        Path file = dir.resolve("state.db");
        try {
            Files.createDirectories(dir);
            Properties connection = new Properties();
            connection.setProperty("jdbc.get_generated_keys", "false"); // no key read back after each insert
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file, connection);
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                int version;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.getInt(1);
                }
                if (version > VERSION) {
                    db.close();
                    throw new StateException(
                            file + " was written by a newer executor (schema " + version + ", this one reads " + VERSION
                                    + "); nothing was changed",
                            null);
                }
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                db.setAutoCommit(false);
                if (version < 1) {
                    for (String ddl : V1) {
                        st.execute(ddl);
                    }
                    st.execute("PRAGMA user_version = " + VERSION);
                    db.commit();
                }
                st.execute(CONTROLS); // added within schema 1: an older executor ignores the table
                st.execute(TOUCHES); // so is this one
                db.commit();
            }
            return db;
        } catch (SQLException e) {
            throw new StateException(
                    file + " is not a usable executor state database (" + e.getMessage() + "); nothing was changed", e);
        } catch (IOException e) {
            throw new StateException("cannot create the state directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
