package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateExport;
import io.scalpsignals.executor.state.StateImport;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.testing.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** The durable state: refusing what it cannot read, the intent purge, the exported document. */
class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void aLedgerCopyHasEveryFieldAndItsOwnOffsets() throws Exception {
        Ledger l = new Ledger(new BigDecimal("10000"));
        long v = 1;
        for (Field f : Ledger.class.getFields()) { // every public field set to a value of its own
            if (Modifier.isStatic(f.getModifiers())) {
                continue; // a constant (Ledger.NONE), not a field of the ledger
            }
            if (f.getType() == long.class) {
                f.setLong(l, v++);
            } else if (f.getType() == int.class) {
                f.setInt(l, (int) v++);
            } else if (f.getType() == BigDecimal.class) {
                f.set(l, BigDecimal.valueOf(v++));
            }
        }
        l.offsets.put("t-0", v);

        Ledger copy = l.copy();
        copy.offsets.put("t-1", 1L);

        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(l.copy())).isEqualTo(json.writeValueAsString(l));
        assertThat(l.offsets).containsOnlyKeys("t-0");
    }

    @Test
    void aRolledBackTransactionLeavesNoTraceInWhatTheStoreHolds() {
        try (StateStore store = StateStore.open(dir.resolve("rollback"))) {
            store.transaction(() -> {
                store.setLastPrice("A", 1.0);
                return null;
            });
            assertThatThrownBy(() -> store.transaction(() -> {
                        store.setLastPrice("A", 2.0);
                        store.putPosition(new Position(
                                "A", 1, "i", 2.0, 1, BigDecimal.ONE, BigDecimal.ZERO, 1, 0, 0.1, 0.1, 60, 0, 0, 0, 0));
                        Ledger l = store.ledger(BigDecimal.TEN);
                        l.clock = 99;
                        store.putLedger(l);
                        throw new IllegalStateException("crash");
                    }))
                    .hasMessage("crash");

            assertThat(store.lastPrices()).containsExactly(Map.entry("A", 1.0));
            assertThat(store.positions()).isEmpty();
            assertThat(store.ledger(BigDecimal.TEN).clock).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void theJournalCommandPrintsTheCommittedJournal() throws Exception {
        Path state = dir.resolve("journal");
        List<String> journal;
        try (Scenario s = new Scenario(state, ExecutorConfig.defaults())) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).signal(open("a", "OPEN_LONG", 0));
            journal = s.store.journal();
        }
        CliRun run = CliRun.of(ExecutorCli::run, "journal", "--state-dir", state.toString());

        assertThat(run.code()).isZero();
        assertThat(journal).hasSize(2);
        assertThat(run.out().lines()).containsExactlyElementsOf(journal);
        assertThat(journal.get(1)).contains("\"event\":\"DUPLICATE\"");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "journal",
                                "--state-dir",
                                dir.resolve("nothing").toString())
                        .code())
                .isEqualTo(2);
    }

    @Test
    void aCorruptDatabaseStopsTheStartAndIsLeftAsItIs() throws Exception {
        Path state = Files.createDirectories(dir.resolve("corrupt"));
        byte[] junk = "this is not a database, not at all".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(state.resolve("state.db"), junk);

        assertThat(CliRun.of(ExecutorCli::run, "export-state", "--state-dir", state.toString())
                        .code())
                .isEqualTo(2);
        assertThat(Files.readAllBytes(state.resolve("state.db"))).isEqualTo(junk);
    }

    @Test
    void aDatabaseOfANewerSchemaStopsTheStart() throws Exception {
        Path state = dir.resolve("newer");
        StateStore.open(state).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }

        assertThat(CliRun.of(ExecutorCli::run, "export-state", "--state-dir", state.toString())
                        .code())
                .isEqualTo(2);
        assertThat(CommittedState.count(state, "PRAGMA user_version")).isEqualTo(99);
    }

    /** 30 s divides an hour; 11 s does not, so no monitor run falls on the 7th hour itself. */
    @ParameterizedTest
    @ValueSource(longs = {30, 11})
    void knownIntentsAreForgottenAfterTheirTtlAtTheHourlyPurge(long monitorIntervalSec) {
        ExecutorConfig config = ExecutorConfig.defaults().with(Map.of("monitor_interval_sec", monitorIntervalSec));
        try (Scenario s = new Scenario(dir.resolve("ttl"), config)) {
            s.tick(0, 100.0).signal(open("old", "BTCUSDT", "OPEN_LONG", 0, 10)); // rejected, but known
            s.tick(6 * 3_600_000L, 100.0);
            assertThat(s.store.knowsIntent(Scenario.id("old"))).isTrue(); // recorded exactly 6 h before the purge
            s.tick(7 * 3_600_000L, 100.0);
            assertThat(s.store.knowsIntent(Scenario.id("old"))).isFalse();
        }
    }

    @Test
    void importsTheOldSystemsStateDocumentIntoAnEmptyStateDirectory() throws Exception {
        String exported;
        try (Scenario s = new Scenario(dir.resolve("old"), ExecutorConfig.defaults())) {
            s.tick(0, 100.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .tick(500, 100.25)
                    .tick("ETHUSDT", 1_000, 10.0)
                    .signal(open("b", "ETHUSDT", "OPEN_SHORT", 1_000, 80))
                    .tick("ETHUSDT", 2_000, 10.1);
            exported = StateExport.of(s.store, s.engine.ledger()).toString();
        }
        Path file = Files.writeString(dir.resolve("trading_state.json"), exported);

        try (Scenario s = new Scenario(dir.resolve("new"), ExecutorConfig.defaults())) {
            int[] counts = StateImport.into(s.store, file);
            ObjectMapper json = new ObjectMapper();
            JsonNode before = json.readTree(exported);
            JsonNode after =
                    json.readTree(StateExport.of(s.store, s.engine.ledger()).toString());

            assertThat(counts).containsExactly(2, 1, 1);
            assertThat(after.get("order_intents")).isEqualTo(before.get("order_intents"));
            assertThat(after.get("cooldowns")).isEqualTo(before.get("cooldowns"));
            assertThat(after.get("position_metadata")).isEqualTo(before.get("position_metadata"));
            assertThat(after.get("trailing_stops")).isEqualTo(before.get("trailing_stops"));
            // the imported state is in force: a known intent, a cooldown, an open position
            s.tick(3_000, 100.25)
                    .tick("ETHUSDT", 3_000, 10.0)
                    .signal(open("a", "OPEN_LONG", 3_000))
                    .signal(open("c", "ETHUSDT", "OPEN_SHORT", 3_000, 80))
                    .signal(open("d", "OPEN_SHORT", 3_000));
            assertThat(s.outcomes()).containsExactly("DUPLICATE", "REJECTED COOLDOWN", "REJECTED ONE_WAY");
        }
    }

    @Test
    void exportsTheOldSystemsStateDocument() throws Exception {
        try (Scenario s = new Scenario(dir.resolve("export"), ExecutorConfig.defaults())) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).tick(500, 100.25);

            JsonNode doc = new ObjectMapper()
                    .readTree(StateExport.of(s.store, s.engine.ledger()).toString());

            assertThat(doc.get("version").asInt()).isEqualTo(StateStore.SCHEMA_VERSION);
            assertThat(doc.get("last_updated").asText()).isEqualTo("2024-01-02T00:00:00.500Z");
            assertThat(doc.get("order_intents")
                            .get(Scenario.id("a"))
                            .get("status")
                            .asText())
                    .isEqualTo("FILLED");
            assertThat(doc.get("position_metadata")
                            .get("BTCUSDT_long")
                            .get("intent_id")
                            .asText())
                    .isEqualTo(Scenario.id("a"));
            JsonNode trailing = doc.get("trailing_stops").get("BTCUSDT_long");
            assertThat(trailing.get("activation_roi").asDouble()).isEqualTo(0.01);
            assertThat(trailing.get("max_roi").asDouble()).isEqualTo((100.25 - 100.02) / 100.02 * 5);
            assertThat(trailing.get("active").asBoolean()).isTrue();
            assertThat(doc.get("cooldowns").size()).isZero();
        }
    }
}
