package io.scalpsignals.executor;

import static io.scalpsignals.executor.CommittedState.count;
import static io.scalpsignals.executor.CommittedState.events;
import static io.scalpsignals.executor.CommittedState.journal;
import static io.scalpsignals.executor.Scenario.open;
import static io.scalpsignals.testing.KafkaBroker.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.LiveRunner;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.testing.KafkaBroker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code executor run} against a real broker: signals and ticks from their topics on an injected
 * wall clock; after a stop and a restart on the same state, records delivered again change
 * nothing, and a signal sent again is a DUPLICATE. With a chain topic, options scalps on its quotes.
 */
class LiveRunnerITCase {

    @TempDir
    Path dir;

    @Test
    void consumesLiveAndResumesWithoutApplyingARecordTwice() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")));
                ExecutorMetrics metrics = new ExecutorMetrics()) {
            broker.createTopics(1, "ex-ticks", "ex-signals");
            // the wall clock stands 5 s after the signals: none is stale
            Clock clock = Clock.fixed(Instant.ofEpochMilli(Scenario.T0 + 5_000), ZoneOffset.UTC);
            Path state = dir.resolve("state");

            int port = metrics.serve(0);
            Runner first = new Runner(broker, state, clock, null, "executor-test", metrics);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", tick(0, 100.0))));
            await().atMost(ONE_MINUTE).until(() -> count(state, "SELECT count(*) FROM last_prices") >= 1);
            broker.send(
                    "ex-signals",
                    0,
                    List.<byte[][]>of(kv("BTCUSDT", open("a", "OPEN_LONG", 1_000)), kv("BTCUSDT", "not json")));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 2);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", tick(2_000, 100.6))));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 3);
            first.stop();
            // reported after each poll: everything read
            assertThat(scrape(port))
                    .contains(
                            "scalp_executor_consumer_lag_records{topic=\"ex-ticks\"} 0.0",
                            "scalp_executor_consumer_lag_records{topic=\"ex-signals\"} 0.0");

            // a new consumer group: Kafka delivers every record again; the state's offsets skip them
            Runner second = new Runner(broker, state, clock, null, "executor-test-restarted");
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("BTCUSDT", open("a", "OPEN_LONG", 1_000))));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 4);
            second.stop();

            assertThat(events(state)).containsExactly("OPENED", "REJECTED", "CLOSED", "DUPLICATE");
        }
    }

    @Test
    void scalpsOptionsOnQuotesFromTheChainTopic() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            broker.createTopics(1, "ex-ticks", "ex-signals", "ex-chain");
            long t = OptionsScalpScenarioTest.T;
            Clock clock = Clock.fixed(Instant.ofEpochMilli(t + 5_000), ZoneOffset.UTC);
            Path state = dir.resolve("state");

            Runner runner = new Runner(broker, state, clock, OptionsConfig.defaults(), "executor-test");
            broker.send(
                    "ex-chain",
                    0,
                    List.<byte[][]>of(
                            kv("TSLA", "{\"underlying\":\"TSLA\"}"),
                            kv("TSLA", OptionsScalpScenarioTest.call("C", 1.96, 2.00, 0))));
            await().atMost(ONE_MINUTE)
                    .until(() ->
                            count(state, "SELECT count(*) FROM ledger WHERE state LIKE '%\"ex-chain-0\":1%'") == 1);
            broker.send(
                    "ex-signals",
                    0,
                    List.<byte[][]>of(kv("TSLA", OptionsScalpScenarioTest.signal("a", "OPEN_LONG", 0))));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 1);
            broker.send(
                    "ex-chain",
                    0,
                    List.<byte[][]>of(kv("TSLA", OptionsScalpScenarioTest.call("C", 2.70, 2.74, 1_000))));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 2);
            runner.stop();

            assertThat(events(state)).containsExactly("OPENED", "CLOSED");
            assertThat(journal(state)).allSatisfy(line -> assertThat(line).contains("\"contract\":\"C\""));
            assertThat(journal(state).get(1)).contains("\"reason\":\"TAKE_PROFIT\"", "\"price\":2.7");
        }
    }

    @Test
    void restsLimitEntriesOnTheLiveClockAndEndsThemWhenItPassesTheirDeadline() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            broker.createTopics(1, "ex-ticks", "ex-signals");
            AtomicLong now = new AtomicLong(Scenario.T0 + 5_000);
            Clock clock = new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now.get());
                }
            };
            Path state = dir.resolve("state");
            ExecutorConfig limit = ExecutorConfig.defaults().with(Map.of("entry_order", "limit"));

            Runner first = new Runner(broker, state, clock, null, "executor-test", null, limit);
            // a touch of 100.00 / 100.02, 4 ahead at the bid: the open rests there
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", quoted(0, 100.0))));
            await().atMost(ONE_MINUTE).until(() -> count(state, "SELECT count(*) FROM touches") == 1);
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("BTCUSDT", open("a", "OPEN_LONG", 100))));
            await().atMost(ONE_MINUTE)
                    .until(() -> count(state, "SELECT count(*) FROM intents WHERE status = 'PENDING'") == 1);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("BTCUSDT", quoted(200, 99.98)))); // through the limit
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 1);
            first.stop();

            Runner second = new Runner(broker, state, clock, null, "executor-test", null, limit);
            // ETHUSDT trades without quotes first: an open there has no touch to rest at
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("ETHUSDT", eth(300, false))));
            await().atMost(ONE_MINUTE).until(() -> count(state, "SELECT count(*) FROM last_prices") == 2);
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("ETHUSDT", open("b", "ETHUSDT", "OPEN_LONG", 350, 72))));
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 2);
            broker.send("ex-ticks", 0, List.<byte[][]>of(kv("ETHUSDT", eth(400, true))));
            await().atMost(ONE_MINUTE).until(() -> count(state, "SELECT count(*) FROM touches") == 2);
            broker.send("ex-signals", 0, List.<byte[][]>of(kv("ETHUSDT", open("c", "ETHUSDT", "OPEN_LONG", 500, 72))));
            await().atMost(ONE_MINUTE)
                    .until(() -> count(state, "SELECT count(*) FROM intents WHERE status = 'PENDING'") == 1);
            now.addAndGet(3_000); // the wall clock reaches the deadline with nothing traded: it ends
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 3);
            second.stop();

            assertThat(events(state)).containsExactly("OPENED", "REJECTED", "REJECTED");
            assertThat(journal(state).get(0)).contains("\"price\":100.0", "\"detail\":\"limit entry filled");
            assertThat(journal(state).get(1)).contains("\"reason\":\"NO_QUOTE\"");
            assertThat(journal(state).get(2)).contains("\"reason\":\"LIMIT_TIMEOUT\"");
        }
    }

    /** A BTCUSDT trade at {@code price} (a seller's) with a touch of 100.00 / 100.02, 4 at the bid and 6 at the ask. */
    private static String quoted(long offsetMs, double price) {
        return "{\"symbol\":\"BTCUSDT\",\"ts\":" + (Scenario.T0 + offsetMs) + ",\"price\":" + price
                + ",\"size\":1,\"side\":\"sell\",\"bid\":100.0,\"ask\":100.02,\"bid_size\":4,\"ask_size\":6}";
    }

    /** An ETHUSDT trade at 50, with a touch of 49.99 / 50.01 when {@code quoted}. */
    private static String eth(long offsetMs, boolean quoted) {
        return "{\"symbol\":\"ETHUSDT\",\"ts\":" + (Scenario.T0 + offsetMs) + ",\"price\":50.0,\"size\":1"
                + (quoted ? ",\"bid\":49.99,\"ask\":50.01,\"bid_size\":3,\"ask_size\":3}" : "}");
    }

    /** The live executor in a thread, on the state directory. */
    private static final class Runner {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        Runner(KafkaBroker broker, Path state, Clock clock, OptionsConfig options, String groupId) {
            this(broker, state, clock, options, groupId, null);
        }

        /**
         * @param options options scalping on the {@code ex-chain} topic, or null
         * @param metrics told the consumer lag, or null
         */
        Runner(
                KafkaBroker broker,
                Path state,
                Clock clock,
                OptionsConfig options,
                String groupId,
                ExecutorMetrics metrics) {
            this(broker, state, clock, options, groupId, metrics, ExecutorConfig.defaults());
        }

        /** @param config the executor's settings */
        Runner(
                KafkaBroker broker,
                Path state,
                Clock clock,
                OptionsConfig options,
                String groupId,
                ExecutorMetrics metrics,
                ExecutorConfig config) {
            Properties props = broker.clientProperties();
            props.setProperty("group.id", groupId);
            thread = new Thread(() -> {
                try (StateStore store = StateStore.open(state);
                        PaperBroker paper = new PaperBroker(
                                state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
                    LiveRunner runner = new LiveRunner(
                            new Engine(store, paper, config, clock, options),
                            props,
                            "ex-signals",
                            "ex-ticks",
                            options == null ? null : "ex-chain");
                    if (metrics != null) {
                        runner.withMetrics(metrics);
                    }
                    runner.run(stop::get);
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

    private static String tick(long offsetMs, double price) {
        return "{\"symbol\":\"BTCUSDT\",\"ts\":" + (Scenario.T0 + offsetMs) + ",\"price\":" + price + ",\"size\":1}";
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
