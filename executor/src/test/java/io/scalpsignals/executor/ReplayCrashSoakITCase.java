package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.model.read.TickFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Crash safety, proven with real processes: a replay with many signals is run as a child
 * process, killed again and again on the same state directory (halted right after an intent's
 * PENDING commit, right after its order was filled, and by SIGKILL at random moments), restarted
 * each time, and must end with the journal, positions and balance of an uninterrupted run: every
 * intent opened at most once, every signal OPENED, REJECTED or DUPLICATE. Once with linear
 * positions, once with options scalps on a chain (whose quotes mostly commit with the next event).
 */
class ReplayCrashSoakITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void killedAtManyPointsItEndsAsAnUninterruptedRun() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        writeInputs(new Random(7), ticks, signals);

        soak(ticks, signals, null);
    }

    @Test
    void killedAtManyPointsAnOptionsReplayEndsAsAnUninterruptedRun() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        Path chain = dir.resolve("chain.jsonl");
        writeOptionsInputs(new Random(5), ticks, signals, chain);

        soak(ticks, signals, chain);
    }

    /** The replay uninterrupted, then killed many times and restarted on one state: the same end. */
    private void soak(Path ticks, Path signals, Path chain) throws Exception {
        List<String> reference;
        JsonNode referenceState;
        try (StateStore store = StateStore.open(dir.resolve("reference"));
                PaperBroker broker = new PaperBroker(dir.resolve("reference"), 0.0002)) {
            Engine engine = new Engine(
                    store, broker, ExecutorConfig.defaults(), null, chain == null ? null : OptionsConfig.defaults());
            Replay.run(engine, new Replay.Inputs(signals, ticks, TickFormat.AUTO, null, chain), w -> {});
            reference = store.journal();
            referenceState =
                    JSON.readTree(StateExport.of(store, engine.ledger()).toString());
        }

        Path state = dir.resolve("killed");
        int kills = 0;
        Random random = new Random(11);
        String[][] plan = {
            {"before", "1"}, {"after", "1"}, {"before", "3"}, {"after", "4"}, {"before", "7"}, {"after", "9"}
        };
        for (String[] halt : plan) {
            kills += run(state, ticks, signals, chain, halt[0], halt[1], -1) == 137 ? 1 : 0;
        }
        for (int i = 0; i < 6; i++) {
            kills += run(state, ticks, signals, chain, "never", "0", 300 + random.nextInt(900)) != 0 ? 1 : 0;
        }
        assertThat(run(state, ticks, signals, chain, "never", "0", -1))
                .as("the run after the kills completes")
                .isZero();

        List<String> journal;
        try (StateStore store = StateStore.open(state)) {
            journal = store.journal();
            assertThat(store.unsettledIntents()).isEmpty();
            JsonNode killedState = JSON.readTree(
                    StateExport.of(store, store.ledger(ExecutorConfig.defaults().startingBalance()))
                            .toString());
            assertThat(killedState.get("position_metadata")).isEqualTo(referenceState.get("position_metadata"));
            assertThat(killedState.get("cooldowns")).isEqualTo(referenceState.get("cooldowns"));
        }
        assertThat(kills).isGreaterThanOrEqualTo(plan.length);
        assertThat(journal).isEqualTo(reference);
        Map<String, Integer> opened = new HashMap<>();
        for (String line : journal) {
            JsonNode n = JSON.readTree(line);
            if (n.get("event").asText().equals("OPENED")) {
                opened.merge(n.get("intent_id").asText(), 1, Integer::sum);
            }
        }
        assertThat(opened)
                .isNotEmpty()
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        // every signal line ended OPENED, REJECTED or DUPLICATE (exits are the CLOSED lines)
        long signalLines = Files.readAllLines(signals).size();
        assertThat(journal.stream()
                        .filter(l -> !l.contains("\"event\":\"CLOSED\""))
                        .count())
                .isEqualTo(signalLines);
    }

    /** Runs the child replay; kills it with SIGKILL after {@code killAfterMs} if that is >= 0. */
    private static int run(Path state, Path ticks, Path signals, Path chain, String point, String n, long killAfterMs)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingReplay.class.getName(),
                signals.toString(),
                ticks.toString(),
                state.toString(),
                point,
                n));
        if (chain != null) {
            argv.add(chain.toString());
        }
        ProcessBuilder pb =
                new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        if (killAfterMs >= 0 && !p.waitFor(killAfterMs, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    /** Three symbols, 1,500 ticks, 120 signals (some duplicated, some late, one not JSON). */
    private static void writeInputs(Random r, Path ticks, Path signals) throws IOException {
        long t0 = Scenario.T0;
        String[] symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
        double[] prices = {100.0, 50.0, 20.0};
        List<String> tickLines = new ArrayList<>(List.of("symbol,ts,price,size"));
        List<String> signalLines = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            int s = i % 3;
            prices[s] *= 1 + r.nextGaussian() * 0.002;
            long ts = t0 + i * 2_000L;
            tickLines.add(symbols[s] + "," + ts + "," + prices[s] + ",1");
            if (i % 12 == 5) {
                String action = r.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT";
                String id = "i" + i;
                // one signal in ten is 40 s old when it arrives: STALE_SIGNAL
                String signal = Scenario.open(
                        id, symbols[s], action, ts - t0 - (r.nextInt(10) == 0 ? 40_000 : 0), 60 + r.nextInt(30));
                signalLines.add(signal);
                if (r.nextInt(8) == 0) {
                    signalLines.add(signal);
                }
            }
        }
        signalLines.add(signalLines.size() / 2, "{ not json");
        Files.write(ticks, tickLines);
        Files.write(signals, signalLines);
    }

    /**
     * Two underlyings over a New York session hour: their trades, a chain of a call and a put each
     * quoted every 5 s (prices wandering, so scalps take profit, stop out or run out of time), 60
     * signals (some duplicated, one not JSON) and a few chain lines that are no quote.
     */
    private static void writeOptionsInputs(Random r, Path ticks, Path signals, Path chain) throws IOException {
        long t0 = OptionsScalpScenarioTest.T;
        String[] underlyings = {"TSLA", "NVDA"};
        double[][] mids = {{2.0, 1.8}, {1.2, 1.1}};
        List<String> tickLines = new ArrayList<>(List.of("symbol,ts,price,size"));
        List<String> signalLines = new ArrayList<>();
        List<String> chainLines = new ArrayList<>();
        for (int k = 0; k < 720; k++) {
            long at = k * 5_000L;
            for (int u = 0; u < 2; u++) {
                tickLines.add(underlyings[u] + "," + (t0 + at) + "," + (250 + r.nextGaussian()) + ",1");
                for (int c = 0; c < 2; c++) {
                    mids[u][c] = Math.max(0.2, mids[u][c] * (1 + r.nextGaussian() * 0.03));
                    double bid = Math.round(mids[u][c] * 0.985 * 100) / 100.0;
                    double ask = Math.round(mids[u][c] * 1.015 * 100) / 100.0;
                    chainLines.add(OptionsScalpScenarioTest.quote(
                            underlyings[u],
                            underlyings[u] + (c == 0 ? "-C" : "-P"),
                            OptionsScalpScenarioTest.TODAY,
                            c == 0 ? 'C' : 'P',
                            bid,
                            ask,
                            c == 0 ? 0.35 : -0.35,
                            1_200,
                            at));
                }
            }
            if (k % 12 == 3) {
                String signal = OptionsScalpScenarioTest.signal(
                        "o" + k, underlyings[r.nextInt(2)], r.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT", at);
                signalLines.add(signal);
                if (r.nextInt(8) == 0) {
                    signalLines.add(signal);
                }
            }
            if (k % 200 == 100) {
                chainLines.add("{\"underlying\":\"TSLA\",\"ts\":" + (t0 + at) + "}");
            }
        }
        signalLines.add(signalLines.size() / 2, "{ not json");
        Files.write(ticks, tickLines);
        Files.write(signals, signalLines);
        Files.write(chain, chainLines);
    }
}
