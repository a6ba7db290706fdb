package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A crash around an order (the process dies; here the broker call throws and the engine and
 * store are dropped) and a restart on the same state: the order is neither repeated nor lost,
 * and the journal is the uninterrupted run's.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aReplayStoppedMidwayResumesFromItsCommittedPositionWithTheSameJournal() throws Exception {
        Path ticks = Files.writeString(
                dir.resolve("ticks.csv"),
                String.join(
                                "\n",
                                "symbol,ts,price,size",
                                "BTCUSDT," + Scenario.T0 + ",100,1",
                                "BTCUSDT," + (Scenario.T0 + 1_000) + ",100.5,1",
                                "ETHUSDT," + (Scenario.T0 + 2_000) + ",10,1",
                                "BTCUSDT," + (Scenario.T0 + 3_000) + ",100,1",
                                "ETHUSDT," + (Scenario.T0 + 4_000) + ",9.7,1")
                        + "\n");
        Path signals = Files.writeString(
                dir.resolve("signals.jsonl"),
                String.join(
                                "\n",
                                open("a", "OPEN_LONG", 0),
                                open("b", "ETHUSDT", "OPEN_LONG", 2_000, 80),
                                "garbage",
                                open("a", "OPEN_LONG", 2_500))
                        + "\n");
        List<String> reference;
        try (StateStore store = StateStore.open(dir.resolve("once"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("once"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(new Engine(store, broker, ExecutorConfig.defaults()), signals, ticks, TickFormat.AUTO);
            reference = store.journal();
        }

        Path state = dir.resolve("twice");
        try (StateStore store = StateStore.open(state);
                Broker dying = DyingBroker.throwing(state, 2, false)) {
            assertThatThrownBy(() -> Replay.run(
                            new Engine(store, dying, ExecutorConfig.defaults()), signals, ticks, TickFormat.AUTO))
                    .isInstanceOf(IllegalStateException.class);
        }
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(new Engine(store, broker, ExecutorConfig.defaults()), signals, ticks, TickFormat.AUTO);
            assertThat(store.journal()).isEqualTo(reference);
        }
        assertThat(reference).hasSize(6); // OPENED a, CLOSED a, OPENED b, INVALID, DUPLICATE a, CLOSED b
    }

    private List<String> uninterrupted() {
        try (Scenario s = new Scenario(dir.resolve("reference"), ExecutorConfig.defaults())) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).tick(1_000, 100.5);
            return s.store.journal();
        }
    }

    @Test
    void aCrashBetweenThePendingCommitAndTheOrderSendsTheOrderOnRestart() {
        assertRecovers(false);
    }

    @Test
    void aCrashBetweenTheOrderAndItsCommitAdoptsTheFillOnRestart() {
        assertRecovers(true);
    }

    private void assertRecovers(boolean afterTheOrder) {
        Path state = dir.resolve("state");
        try (Scenario crashing =
                new Scenario(state, ExecutorConfig.defaults(), DyingBroker.throwing(state, 1, afterTheOrder))) {
            crashing.tick(0, 100.0);
            assertThatThrownBy(() -> crashing.signal(open("a", "OPEN_LONG", 0)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(crashing.store.unsettledIntents()).containsOnlyKeys(Scenario.id("a"));
            assertThat(crashing.store.journal()).isEmpty();
        }
        try (Scenario restarted = new Scenario(state, ExecutorConfig.defaults())) {
            restarted.engine.recover();
            restarted.signal(open("a", "OPEN_LONG", 0)); // the same signal again, as a replay would send it
            restarted.tick(1_000, 100.5);

            assertThat(restarted.outcomes()).containsExactly("OPENED", "DUPLICATE", "CLOSED TAKE_PROFIT");
            assertThat(restarted.store.unsettledIntents()).isEmpty();
            List<String> journal = restarted.store.journal();
            List<String> reference = uninterrupted();
            assertThat(List.of(journal.get(0), journal.get(2))).isEqualTo(reference);
        }
    }
}
