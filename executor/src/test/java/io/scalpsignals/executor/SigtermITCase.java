package io.scalpsignals.executor;

import static io.scalpsignals.executor.CommittedState.journal;
import static io.scalpsignals.testing.KafkaBroker.kv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.awaitility.Durations.ONE_MINUTE;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.testing.KafkaBroker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code executor run} as a real process stopped with SIGTERM: it finishes the record in hand,
 * commits and exits; started again on the same state it applies nothing twice.
 */
class SigtermITCase {

    @TempDir
    Path dir;

    @Test
    void sigtermStopsCleanlyAndARestartAppliesNothingTwice() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            broker.createTopics(1, "st-ticks", "st-signals");
            // HOLD needs no fresh clock: the child runs on the wall clock
            broker.send(
                    "st-signals",
                    0,
                    List.<byte[][]>of(kv(
                            "BTCUSDT",
                            "{\"intent_id\":\"" + Scenario.id("h1")
                                    + "\",\"symbol\":\"BTCUSDT\",\"action\":\"HOLD\",\"ts\":" + Scenario.T0 + "}")));
            Path state = dir.resolve("state");

            Process first = start(broker, state, "st");
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 1);
            first.destroy(); // SIGTERM
            // under the shutdown hook's own 30 s wait: an executor that ignored the stop would exit only then
            assertThat(first.waitFor(20, TimeUnit.SECONDS))
                    .as("stopped within 20 s of SIGTERM")
                    .isTrue();
            assertThat(first.exitValue()).as("exit status of a SIGTERM").isEqualTo(143);

            broker.send(
                    "st-signals",
                    0,
                    List.<byte[][]>of(kv(
                            "BTCUSDT",
                            "{\"intent_id\":\"" + Scenario.id("h2")
                                    + "\",\"symbol\":\"BTCUSDT\",\"action\":\"HOLD\",\"ts\":" + Scenario.T0 + "}")));
            // another consumer group: Kafka delivers h1 again, the state's offsets skip it
            Process second = start(broker, state, "st-restarted");
            await().atMost(ONE_MINUTE).until(() -> journal(state).size() >= 2);
            second.destroy();
            assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();

            try (StateStore store = StateStore.open(state)) {
                // h1 was not applied again after the restart (it would be a DUPLICATE line)
                assertThat(store.journal()).hasSize(2);
                assertThat(store.journal().get(0))
                        .contains("\"intent_id\":\"" + Scenario.id("h1") + "\"", "\"reason\":\"HOLD\"");
                assertThat(store.journal().get(1))
                        .contains("\"intent_id\":\"" + Scenario.id("h2") + "\"", "\"reason\":\"HOLD\"");
            }
        }
    }

    private Process start(KafkaBroker broker, Path state, String groupId) throws Exception {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExecutorCli.class.getName(),
                        "run",
                        "--bootstrap-servers",
                        broker.bootstrap(),
                        "--signals-topic",
                        "st-signals",
                        "--ticks-topic",
                        "st-ticks",
                        "--group-id",
                        groupId,
                        "--state-dir",
                        state.toString(),
                        "--metrics-port",
                        "-1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("executor.log").toFile()))
                .start();
    }
}
