package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit under a crash, live: {@code executor run} as a child process on a real broker,
 * fed 20,000 ticks/s of 20 symbols with a signal every 400 ticks (one in ten sent twice), is
 * SIGKILLed at random moments and restarted on the same state directory; a last run drains the
 * topics and stops on SIGTERM. Every signal is then settled exactly once (OPENED or REJECTED, a
 * DUPLICATE for each second send and no other), no intent is left PENDING, and the paper
 * broker's order book holds exactly one opening order per OPENED intent and one closing order
 * per CLOSED one: no order duplicated, none lost. The journal's times are the wall clock's, so
 * it is compared by these invariants, not byte for byte (the replay soak does that).
 */
class LiveCrashSoakITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TICKS_PER_SECOND = 20_000;
    private static final int FEED_SECONDS = 12;
    private static final int SYMBOLS = 20;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomUnderAFeedNoOrderIsDuplicatedOrLost() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            kafka.createTopics(1, "soak-ticks", "soak-signals");
            Path state = dir.resolve("state");
            Feed feed = new Feed(kafka, new Random(3));
            Thread producer = new Thread(feed::run, "soak-feed");
            Random random = new Random(29);

            Process executor = start(kafka, state);
            producer.start();
            int kills = 0;
            while (producer.isAlive()) {
                boolean exited = executor.waitFor(700 + random.nextInt(1_600), TimeUnit.MILLISECONDS); // the kill point
                assertThat(exited)
                        .as("the executor stopped on its own; see " + dir.resolve("executor.log"))
                        .isFalse();
                executor.destroyForcibly(); // SIGKILL: whatever the group holds uncommitted is lost
                assertThat(executor.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
                executor = start(kafka, state);
            }
            producer.join();
            assertThat(feed.failure.get()).isZero();
            int decisions = feed.signalsSent.get();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> decided(state) >= decisions);
            executor.destroy(); // SIGTERM: finishes the record in hand, commits, closes
            assertThat(executor.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(executor.exitValue()).isIn(0, 143);

            assertThat(kills).isGreaterThanOrEqualTo(3);
            assertThat(feed.ticksSent.get()).as("every tick sent").isEqualTo(TICKS_PER_SECOND * FEED_SECONDS);
            assertThat(feed.elapsedMs.get()).as("the feed flushed").isPositive();
            assertThat(feed.ticksSent.get() * 1_000.0 / feed.elapsedMs.get())
                    .as(
                            "ticks/s the feed achieved (%d ticks in %d ms, flushed)",
                            feed.ticksSent.get(), feed.elapsedMs.get())
                    .isGreaterThan(TICKS_PER_SECOND * 0.8);
            checkEveryOrderOnce(state, feed);
        }
    }

    private void checkEveryOrderOnce(Path state, Feed feed) throws IOException, SQLException {
        Map<String, Integer> opened = new HashMap<>();
        Map<String, Integer> settled = new HashMap<>();
        Map<String, Integer> closed = new HashMap<>();
        int duplicates = 0;
        List<String> journal;
        try (StateStore store = StateStore.open(state)) {
            assertThat(store.unsettledIntents()).isEmpty();
            journal = store.journal();
        }
        for (String line : journal) {
            JsonNode n = JSON.readTree(line);
            String id = n.get("intent_id").asText();
            switch (n.get("event").asText()) {
                case "OPENED" -> {
                    opened.merge(id, 1, Integer::sum);
                    settled.merge(id, 1, Integer::sum);
                }
                case "REJECTED" -> settled.merge(id, 1, Integer::sum);
                case "DUPLICATE" -> duplicates++;
                case "CLOSED" -> closed.merge(id, 1, Integer::sum);
                default -> throw new AssertionError("unexpected journal line " + line);
            }
        }
        assertThat(settled.keySet()).isEqualTo(feed.intentIds);
        assertThat(settled.values()).allMatch(c -> c == 1);
        assertThat(duplicates).isEqualTo(feed.signalsSent.get() - feed.intentIds.size());
        assertThat(opened).isNotEmpty();
        assertThat(closed).isNotEmpty();
        assertThat(closed.values()).allMatch(c -> c == 1);
        assertThat(opened.keySet()).containsAll(closed.keySet());

        Set<String> expectedOrders = new HashSet<>(opened.keySet());
        closed.keySet().forEach(id -> expectedOrders.add(IntentIds.of(id + "|close")));
        assertThat(paperOrders(state)).containsExactlyInAnyOrderElementsOf(expectedOrders);
    }

    /** The client order ids in the paper broker's order book (a primary key: each at most once). */
    private static List<String> paperOrders(Path state) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("paper-broker.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT client_order_id FROM orders")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Journal lines that settle a signal record (OPENED, REJECTED, DUPLICATE), as committed. */
    private static int decided(Path state) throws SQLException {
        if (!Files.exists(state.resolve("state.db"))) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("state.db"));
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT count(*) FROM journal WHERE line NOT LIKE '%\"event\":\"CLOSED\"%'")) {
            return rs.getInt(1);
        }
    }

    private Process start(KafkaBroker kafka, Path state) throws IOException {
        List<String> argv = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ExecutorCli.class.getName(),
                "run",
                "--state-dir",
                state.toString(),
                "--bootstrap-servers",
                kafka.bootstrap(),
                "--signals-topic",
                "soak-signals",
                "--ticks-topic",
                "soak-ticks",
                "--group-id",
                "soak",
                "--metrics-port",
                "-1");
        return new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("executor.log").toFile()))
                .start();
    }

    /** Ticks at their wall-clock time, paced per millisecond, and signals at the symbols' prices. */
    private static final class Feed {
        final AtomicInteger ticksSent = new AtomicInteger();
        final AtomicInteger signalsSent = new AtomicInteger();
        final AtomicInteger failure = new AtomicInteger();
        /** From the first send to the end of the flush. */
        final AtomicLong elapsedMs = new AtomicLong();

        final Set<String> intentIds = new HashSet<>();
        private final KafkaBroker kafka;
        private final Random random;

        Feed(KafkaBroker kafka, Random random) {
            this.kafka = kafka;
            this.random = random;
        }

        void run() {
            Properties p = kafka.producerProperties();
            p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
            double[] prices = new double[SYMBOLS];
            for (int s = 0; s < SYMBOLS; s++) {
                prices[s] = 10.0 + 10 * s;
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                long start = System.currentTimeMillis();
                int perMs = TICKS_PER_SECOND / 1_000;
                for (long ms = 0; ms < FEED_SECONDS * 1_000L; ms++) {
                    long due = start + ms;
                    while (System.currentTimeMillis() < due) {
                        Thread.onSpinWait();
                    }
                    long now = System.currentTimeMillis();
                    for (int k = 0; k < perMs; k++) {
                        int i = ticksSent.getAndIncrement();
                        int s = i % SYMBOLS;
                        prices[s] *= 1 + random.nextGaussian() * 0.0005;
                        String symbol = String.format(Locale.ROOT, "SOAK%02dUSDT", s);
                        producer.send(
                                new ProducerRecord<>(
                                        "soak-ticks",
                                        0,
                                        symbol,
                                        JsonLines.toJson(Tick.trade(symbol, now, prices[s], 1), JsonLines.TICK)),
                                (m, e) -> failure.addAndGet(e == null ? 0 : 1));
                        if (i % 400 == 399) {
                            String id = IntentIds.of("soak|" + i);
                            intentIds.add(id);
                            String signal = SignalLine.open(
                                            id,
                                            symbol,
                                            random.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT",
                                            now,
                                            prices[s])
                                    .withConfidence(70)
                                    .withSize(5.0, 0.1)
                                    .withExits(0.004, 0.004, 5, 1, 0.002, 0.001)
                                    .json();
                            int sends = random.nextInt(10) == 0 ? 2 : 1;
                            for (int c = 0; c < sends; c++) {
                                producer.send(
                                        new ProducerRecord<>("soak-signals", 0, symbol, signal),
                                        (m, e) -> failure.addAndGet(e == null ? 0 : 1));
                                signalsSent.incrementAndGet();
                            }
                        }
                    }
                }
                producer.flush();
                elapsedMs.set(System.currentTimeMillis() - start);
            }
        }
    }
}
