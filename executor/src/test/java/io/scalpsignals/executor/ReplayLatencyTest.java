package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code replay --latency-ms}: a signal with {@code ts} T reaches the executor at A = T + latency,
 * after the ticks at or before A; it is decided at A, STALE_SIGNAL measures A - T, and an open fills
 * at the last tick at or before A.
 */
class ReplayLatencyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_704_153_600_000L;

    @TempDir
    Path dir;

    @Test
    void aLateSignalIsDecidedAtItsArrivalAndFillsAtTheLastTickBeforeIt() throws IOException {
        // ticks every 100 ms from T0: 100.0, 100.1, 100.2, ...; the signal's ts is T0 + 200 (price 100.2)
        List<String> signals = List.of(signal("a", T0 + 200));

        JsonNode now = replay("zero", signals, 0, Map.of()).get(0);
        JsonNode late = replay("late", signals, 250, Map.of()).get(0);

        double slippage = ExecutorConfig.defaults().slippagePct();
        assertThat(now.get("event").asText()).isEqualTo("OPENED");
        assertThat(now.get("ts").asLong()).isEqualTo(T0 + 200);
        assertThat(now.get("price").asDouble()).isCloseTo(100.2 * (1 + slippage), within(1e-9));
        assertThat(late.get("event").asText()).isEqualTo("OPENED");
        assertThat(late.get("ts").asLong()).isEqualTo(T0 + 450);
        assertThat(late.get("price").asDouble())
                .as("the tick at T0 + 400, the last at or before the arrival")
                .isCloseTo(100.4 * (1 + slippage), within(1e-9));
    }

    @Test
    void aSignalOlderThanTheMaxAgeOnArrivalIsStale() throws IOException {
        List<String> signals = List.of(signal("a", T0 + 200));

        JsonNode atTheLimit = replay("limit", signals, 1_000, Map.of("max_signal_age_sec", "1"))
                .get(0);
        JsonNode pastIt = replay("past", signals, 1_001, Map.of("max_signal_age_sec", "1"))
                .get(0);

        assertThat(atTheLimit.get("event").asText()).isEqualTo("OPENED");
        assertThat(pastIt.get("event").asText()).isEqualTo("REJECTED");
        assertThat(pastIt.get("reason").asText()).isEqualTo("STALE_SIGNAL");
        assertThat(pastIt.get("ts").asLong()).isEqualTo(T0 + 1_201);
    }

    @Test
    void aLowerFeeChangesOnlyTheFeesAndWhatTheyDecide() throws IOException {
        List<String> signals = List.of(signal("a", T0 + 200));

        List<JsonNode> standard = replay("std", signals, 0, Map.of());
        List<JsonNode> cheap = replay("cheap", signals, 0, Map.of("fee_pct", "0.0002"));

        JsonNode open = standard.get(0);
        double notional = open.get("price").asDouble() * open.get("qty").asDouble();
        assertThat(open.get("balance").decimalValue().doubleValue())
                .isCloseTo(10_000 - notional * 0.00055, within(1e-6));
        assertThat(cheap.get(0).get("balance").decimalValue().doubleValue())
                .isCloseTo(10_000 - notional * 0.0002, within(1e-6));
        assertThat(cheap.get(0).get("price").asDouble())
                .isEqualTo(open.get("price").asDouble());
    }

    private static String signal(String name, long ts) {
        return SignalLine.open(Scenario.id(name), "BTCUSDT", "OPEN_LONG", ts, 100.0)
                .json();
    }

    /** 60 ticks of BTCUSDT every 100 ms from T0, price 100.0 + 0.1 per tick. */
    private List<JsonNode> replay(String name, List<String> signals, long latencyMs, Map<String, String> exec)
            throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        List<String> ticks = new ArrayList<>(List.of("ts,symbol,price,size"));
        for (int i = 0; i < 60; i++) {
            ticks.add((T0 + i * 100L) + ",BTCUSDT," + String.format(Locale.ROOT, "%.1f", 100.0 + i * 0.1) + ",1");
        }
        Path tickFile = Files.write(run.resolve("ticks.csv"), ticks);
        Path signalFile = Files.write(run.resolve("signals.jsonl"), signals);
        ExecutorConfig config = ExecutorConfig.defaults().with(exec);
        try (StateStore store = StateStore.open(run.resolve("state"));
                PaperBroker broker = new PaperBroker(
                        run.resolve("state"),
                        config.slippagePct(),
                        ExecutorConfig.defaults().feePct(),
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(
                    new Engine(store, broker, config),
                    new Replay.Inputs(signalFile, tickFile, TickFormat.CSV, null, null, latencyMs),
                    w -> {});
            List<JsonNode> out = new ArrayList<>();
            for (String line : store.journal()) {
                out.add(JSON.readTree(line));
            }
            return out;
        }
    }
}
