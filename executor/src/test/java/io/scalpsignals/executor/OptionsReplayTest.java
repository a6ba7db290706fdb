package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.CliRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/executor replay --chain}: the README's example chain and signals (TSLA, Friday
 * 2024-11-22, New York morning) through the command line, and a replay with a chain resumed after
 * a crash.
 */
class OptionsReplayTest {

    static final Path EXAMPLE =
            Path.of(System.getProperty("scalp.root", "..")).resolve("executor/examples/options-0dte");
    static final double FEE = ExecutorConfig.defaults().feePct();

    @TempDir
    Path dir;

    @Test
    void theReadmeExampleTellsItsStory() throws IOException {
        Path journal = dir.resolve("journal.jsonl");

        CliRun run = CliRun.of(
                ExecutorCli::run,
                "replay",
                "--profile",
                "options-0dte",
                "--signals",
                EXAMPLE.resolve("signals.jsonl").toString(),
                "--ticks",
                EXAMPLE.resolve("ticks.csv").toString(),
                "--chain",
                EXAMPLE.resolve("chain.jsonl").toString(),
                "--state-dir",
                dir.resolve("state").toString(),
                "--journal",
                journal.toString());

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> j = read(journal);
        assertThat(j)
                .extracting(n -> n.get("event").asText() + " " + n.get("reason").asText("") + " "
                        + n.path("contract").asText(""))
                .containsExactly(
                        "OPENED  TSLA241122C00350000", // the one 0DTE call in the delta band with a tight spread
                        "CLOSED TAKE_PROFIT TSLA241122C00350000", // mid 2.73 >= 2.02 * 1.3
                        "OPENED  TSLA241122P00340000", // the short buys the put
                        "CLOSED STOP_LOSS TSLA241122P00340000", // mid 1.53 <= 1.90 * 0.85
                        "REJECTED LOSS_COOLDOWN ", // two minutes after the loss
                        "REJECTED NO_CONTRACT ", // the newest call quote is minutes old
                        "REJECTED NO_CONTRACT "); // no NVDA chain at all
        assertThat(j.get(0).get("price").asDouble()).isEqualTo(2.02);
        assertThat(j.get(0).get("qty").asDouble()).isEqualTo(2); // 500 / 202
        assertThat(j.get(0).get("delta").asDouble()).isEqualTo(0.36);
        assertThat(j.get(1).get("price").asDouble()).isEqualTo(2.70);
        assertThat(j.get(1).get("pnl").doubleValue())
                .isCloseTo((2.70 - 2.02) * 200 - (2.70 + 2.02) * 200 * FEE, within());
        assertThat(j.get(2).get("price").asDouble()).isEqualTo(1.90);
        assertThat(j.get(3).get("price").asDouble()).isEqualTo(1.50);
        assertThat(j.get(3).get("pnl").doubleValue()).isNegative();
        assertThat(j.get(5).get("detail").asText())
                .isEqualTo("stale chain: the newest call quote is 150 s old (max 60 s)");
        assertThat(j.get(6).get("detail").asText()).isEqualTo("no call quotes for NVDA");
    }

    @Test
    void aReplayWithAChainStoppedMidwayResumesWithTheSameJournal() throws IOException {
        Replay.Inputs in = new Replay.Inputs(
                EXAMPLE.resolve("signals.jsonl"), null, TickFormat.AUTO, null, EXAMPLE.resolve("chain.jsonl"));
        List<String> reference;
        try (StateStore store = StateStore.open(dir.resolve("once"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("once"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(engine(store, broker), in, w -> {});
            reference = store.journal();
        }

        Path state = dir.resolve("twice");
        try (StateStore store = StateStore.open(state);
                Broker dying = DyingBroker.throwing(state, 2, false)) {
            assertThatThrownBy(() -> Replay.run(engine(store, dying), in, w -> {}))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.journal()).hasSize(1); // the take profit's close died before its order
        }
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(engine(store, broker), in, w -> {});
            assertThat(store.journal()).isEqualTo(reference);
        }
    }

    @Test
    void aStateWithAScalpOpenNeedsItsChainToResume() throws IOException {
        Path state = dir.resolve("state");
        Path signals = EXAMPLE.resolve("signals.jsonl");
        Path chain = Files.write(
                dir.resolve("chain.jsonl"),
                Files.readAllLines(EXAMPLE.resolve("chain.jsonl")).subList(0, 6));
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(engine(store, broker), new Replay.Inputs(signals, null, TickFormat.AUTO, null, chain), w -> {});
            assertThat(store.positions())
                    .singleElement()
                    .extracting(Position::contract)
                    .isEqualTo("TSLA241122C00350000");
        }

        CliRun noChain = CliRun.of(
                ExecutorCli::run,
                "replay",
                "--signals",
                signals.toString(),
                "--ticks",
                EXAMPLE.resolve("ticks.csv").toString(),
                "--state-dir",
                state.toString(),
                "--journal",
                dir.resolve("j").toString());

        assertThat(noChain.code()).isEqualTo(2);
        assertThat(noChain.err()).contains("this state was replayed with a chain file; resume it with the same inputs");
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
            assertThatThrownBy(() -> new Engine(store, broker, ExecutorConfig.defaults()).recover())
                    .hasMessageContaining("the state holds options scalps (TSLA TSLA241122C00350000)");
        }
    }

    @Test
    void aPendingScalpOrderNeedsItsChainToBeSettled() throws IOException {
        Path state = dir.resolve("state");
        Replay.Inputs in = new Replay.Inputs(
                EXAMPLE.resolve("signals.jsonl"), null, TickFormat.AUTO, null, EXAMPLE.resolve("chain.jsonl"));
        try (StateStore store = StateStore.open(state);
                Broker dying = DyingBroker.throwing(state, 1, false)) {
            assertThatThrownBy(() -> Replay.run(engine(store, dying), in, w -> {}))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.unsettledIntents()).hasSize(1);
        }
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state, 0.0002, 0.00055, OptionsConfig.defaults().contractMultiplier())) {
            assertThatThrownBy(() -> new Engine(store, broker, ExecutorConfig.defaults()).recover())
                    .hasMessageContaining("the state holds options scalps (TSLA241122C00350000 (pending))");
            assertThat(broker.query(store.unsettledIntents().keySet().iterator().next()))
                    .isEmpty(); // nothing was sent
        }
    }

    @Test
    void aQuoteOfTheSignalsOwnMillisecondIsReadBeforeIt() throws IOException {
        long ts = OptionsScalpScenarioTest.T;
        Path chain =
                Files.writeString(dir.resolve("chain.jsonl"), OptionsScalpScenarioTest.call("C", 1.96, 2.00, 0) + "\n");
        Path signals = Files.writeString(
                dir.resolve("signals.jsonl"), OptionsScalpScenarioTest.signal("a", "OPEN_LONG", 0) + "\n");
        Path ticks = Files.writeString(dir.resolve("ticks.csv"), "symbol,ts,price,size\nTSLA," + ts + ",250,1\n");

        try (StateStore store = StateStore.open(dir.resolve("s"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("s"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(engine(store, broker), new Replay.Inputs(signals, ticks, TickFormat.AUTO, null, chain), w -> {});

            assertThat(store.journal())
                    .singleElement()
                    .asString()
                    .contains("\"event\":\"OPENED\"", "\"contract\":\"C\"");
            assertThat(store.ledger(BigDecimal.ONE).ticksRead).isEqualTo(1);
            assertThat(store.ledger(BigDecimal.ONE).chainRead).isEqualTo(1);
        }
    }

    @Test
    void aReplayEndsWithEveryChainLineCommittedThoughNoneChangedAnything() throws IOException {
        List<String> chain = Files.readAllLines(EXAMPLE.resolve("chain.jsonl"));
        long lastTs = new ObjectMapper()
                .readTree(chain.get(chain.size() - 1))
                .get("ts")
                .asLong();
        Path noSignals = Files.writeString(dir.resolve("signals.jsonl"), "");

        try (StateStore store = StateStore.open(dir.resolve("s"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("s"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(
                    engine(store, broker),
                    new Replay.Inputs(noSignals, null, TickFormat.AUTO, null, EXAMPLE.resolve("chain.jsonl")),
                    w -> {});

            assertThat(store.ledger(BigDecimal.ONE).chainRead).isEqualTo(chain.size());
            assertThat(store.ledger(BigDecimal.ONE).clock).isEqualTo(lastTs);
            assertThat(store.journal()).isEmpty();
        }
    }

    @Test
    void aBadChainLineIsReportedWithItsLineAndSkipped() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(EXAMPLE.resolve("chain.jsonl")));
        lines.add(1, "{\"underlying\":\"TSLA\",\"option_symbol\":\"X\",\"ts\":" + 1_732_286_700_000L + "}");
        Path chain = Files.write(dir.resolve("chain.jsonl"), lines);
        List<String> warnings = new ArrayList<>();

        try (StateStore store = StateStore.open(dir.resolve("s"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("s"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(
                    engine(store, broker),
                    new Replay.Inputs(EXAMPLE.resolve("signals.jsonl"), null, TickFormat.AUTO, null, chain),
                    warnings::add);
            assertThat(store.journal()).hasSize(7);
        }
        assertThat(warnings).containsExactly(chain + ":2: expiry: missing or not a string");
    }

    @Test
    void optionsSettingsNeedAChainAndTheBybitBrokerTradesNoOptions() {
        String signals = EXAMPLE.resolve("signals.jsonl").toString();
        String chain = EXAMPLE.resolve("chain.jsonl").toString();
        String state = dir.toString();
        String journal = dir.resolve("j").toString();

        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--ticks is required (without --chain)");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--ticks",
                                signals,
                                "--option",
                                "max_daily_scalps=2",
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--options-config and --option need --chain");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--chain",
                                chain,
                                "--option",
                                "max_daily_scalp=2",
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--option: unknown key max_daily_scalp (known: ");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--ticks",
                                signals,
                                "--profile",
                                "options-0dte",
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--profile options-0dte needs --chain");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--chain",
                                chain,
                                "--profile",
                                "crypto-perp",
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--chain trades options scalps: it goes with --profile options-0dte");
        Path odd = dir.resolve("odd.txt");
        assertThat(CliRun.of(
                                ExecutorCli::run,
                                "replay",
                                "--signals",
                                signals,
                                "--ticks",
                                write(odd, "hello,world\n"),
                                "--chain",
                                chain,
                                "--state-dir",
                                state,
                                "--journal",
                                journal)
                        .err())
                .contains("--ticks: cannot tell the format of " + odd
                        + " from its first line 'hello,world'; give the format option");
        CliRun bybit =
                CliRun.of(ExecutorCli::run, "run", "--chain-topic", "chain", "--broker", "bybit", "--state-dir", state);
        assertThat(bybit.code()).isEqualTo(2);
        assertThat(bybit.err())
                .contains("--broker bybit cannot trade options, which --chain-topic (options scalps) needs");
    }

    private static String write(Path file, String text) {
        try {
            return Files.writeString(file, text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Engine engine(StateStore store, Broker broker) {
        return new Engine(store, broker, ExecutorConfig.defaults(), null, OptionsConfig.defaults());
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private static List<JsonNode> read(Path journal) throws IOException {
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(journal).stream()
                .map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
