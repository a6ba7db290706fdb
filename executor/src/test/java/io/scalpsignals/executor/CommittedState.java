package io.scalpsignals.executor;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The state database as committed so far, read beside a running executor (WAL allows it); empty
 * while the executor has not created it yet.
 */
final class CommittedState {

    private CommittedState() {}

    /** The single number {@code sql} selects, 0 before the database exists. */
    static long count(Path state, String sql) {
        List<String> rows = rows(state, sql);
        return rows.isEmpty() ? 0 : Long.parseLong(rows.get(0));
    }

    /** The journal lines in order. */
    static List<String> journal(Path state) {
        return rows(state, "SELECT line FROM journal ORDER BY seq");
    }

    /** Each journal line's event: OPENED, REJECTED, ... */
    static List<String> events(Path state) {
        return journal(state).stream()
                .map(line -> line.replaceAll(".*\"event\":\"([A-Z]+)\".*", "$1"))
                .toList();
    }

    private static List<String> rows(Path state, String sql) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException notThereYet) {
            return List.of();
        }
        return out;
    }
}
