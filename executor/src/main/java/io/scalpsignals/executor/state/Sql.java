package io.scalpsignals.executor.state;

import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The state database's connection with its statements prepared once (the same few run per event),
 * its failures as {@link StateException}s. Used by the task's thread only.
 */
final class Sql {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    /** Reads a query's rows. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection db;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** @param db auto-commit off */
    Sql(Connection db) {
        this.db = db;
    }

    <T> T query(String sql, Rows<T> rows, Object... args) {
        try {
            PreparedStatement ps = statement(sql);
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rows.read(rs);
            }
        } catch (SQLException e) {
            throw new StateException("state query failed: " + e.getMessage(), e);
        }
    }

    /** @return the rows changed */
    int update(String sql, Object... args) {
        try {
            PreparedStatement ps = statement(sql);
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StateException("state update failed: " + e.getMessage(), e);
        }
    }

    void commit() throws SQLException {
        db.commit();
    }

    void rollback() throws SQLException {
        db.rollback();
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = db.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    /** A row's JSON column (positions, the ledger). */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws StateException when the column is not such a value
     */
    static <T> T fromJson(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new StateException("unreadable " + type.getSimpleName() + " in the state: " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            db.close();
        } catch (SQLException e) {
            throw new StateException("cannot close the state database: " + e.getMessage(), e);
        }
    }
}
