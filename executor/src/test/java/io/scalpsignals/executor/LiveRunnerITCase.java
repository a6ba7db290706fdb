package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.testing.KafkaBroker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code executor run} against a real broker: signals and ticks from their topics on an injected
 * wall clock; after a stop and a restart on the same state, records delivered again change
 * nothing, and a signal sent again is a DUPLICATE.
 */
class LiveRunnerITCase {

    @TempDir Path dir;

    @Test
    void consumesLiveAndResumesWithoutApplyingARecordTwice() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                admin.createTopics(List.of(new NewTopic("ex-ticks", 1, (short) 1), new NewTopic("ex-signals", 1, (short) 1))).all().get();
            }
            // the wall clock stands 5 s after the signals: none is stale
            Clock clock = Clock.fixed(Instant.ofEpochMilli(Scenario.T0 + 5_000), ZoneOffset.UTC);
            Path state = dir.resolve("state");

            Runner first = new Runner(broker, state, clock);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", tick(0, 100.0))));
            await(() -> count(state, "SELECT count(*) FROM last_prices") >= 1);
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("BTCUSDT", open("a", "OPEN_LONG", 1_000)), kv("BTCUSDT", "not json")));
            await(() -> read(state).size() >= 2);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", tick(2_000, 100.6))));
            await(() -> read(state).size() >= 3);
            first.stop();

            Runner second = new Runner(broker, state, clock);
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("BTCUSDT", open("a", "OPEN_LONG", 1_000))));
            await(() -> read(state).size() >= 4);
            second.stop();

            assertThat(outcomes(read(state))).containsExactly("OPENED", "REJECTED", "CLOSED", "DUPLICATE");
        }
    }

    /** The live executor in a thread, on the state directory. */
    private static final class Runner {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Runner(KafkaBroker broker, Path state, Clock clock) {
            Properties props = broker.clientProperties();
            props.setProperty("group.id", "executor-test");
            thread = new Thread(() -> {
                try (StateStore store = StateStore.open(state); PaperBroker paper = new PaperBroker(state, 0.0002)) {
                    new LiveRunner(new Engine(store, paper, ExecutorConfig.defaults(), clock), props, "ex-signals", "ex-ticks")
                            .run(stop::get);
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).isFalse();
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static long count(Path state, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException notThereYet) {
            return 0;
        }
    }

    /** The journal as committed so far, read beside the running executor (WAL allows it). */
    private static List<String> read(Path state) {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = st.executeQuery("SELECT line FROM journal ORDER BY seq")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException notThereYet) {
            return List.of();
        }
        return out;
    }

    private static List<String> outcomes(List<String> journal) {
        List<String> out = new ArrayList<>();
        for (String line : journal) {
            out.add(line.replaceAll(".*\"event\":\"([A-Z]+)\".*", "$1"));
        }
        return out;
    }

    private static String tick(long offsetMs, double price) {
        return "{\"symbol\":\"BTCUSDT\",\"ts\":" + (Scenario.T0 + offsetMs) + ",\"price\":" + price + ",\"size\":1}";
    }

    private static byte[][] kv(String key, String value) {
        return new byte[][] {key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)};
    }
}
