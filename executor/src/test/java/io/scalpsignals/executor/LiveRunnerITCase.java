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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

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
            Properties props = broker.clientProperties();
            props.setProperty("group.id", groupId);
            thread = new Thread(() -> {
                try (StateStore store = StateStore.open(state);
                        PaperBroker paper = new PaperBroker(
                                state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
                    LiveRunner runner = new LiveRunner(
                            new Engine(store, paper, ExecutorConfig.defaults(), clock, options),
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
