package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

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
 * intent opened at most once, every signal OPENED, REJECTED or DUPLICATE.
 */
class ReplayCrashSoakITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    @Test
    void killedAtManyPointsItEndsAsAnUninterruptedRun() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        writeInputs(new Random(7), ticks, signals);

        List<String> reference;
        JsonNode referenceState;
        try (StateStore store = StateStore.open(dir.resolve("reference"));
                PaperBroker broker = new PaperBroker(dir.resolve("reference"), 0.0002)) {
            Engine engine = new Engine(store, broker, ExecutorConfig.defaults());
            Replay.run(engine, signals, ticks, TickFormat.AUTO);
            reference = store.journal();
            referenceState = JSON.readTree(StateExport.of(store, engine.ledger()).toString());
        }

        Path state = dir.resolve("killed");
        int kills = 0;
        Random random = new Random(11);
        String[][] plan = {{"before", "1"}, {"after", "1"}, {"before", "3"}, {"after", "4"}, {"before", "7"}, {"after", "9"}};
        for (String[] halt : plan) {
            kills += run(state, ticks, signals, halt[0], halt[1], -1) == 137 ? 1 : 0;
        }
        for (int i = 0; i < 6; i++) {
            kills += run(state, ticks, signals, "never", "0", 300 + random.nextInt(900)) != 0 ? 1 : 0;
        }
        assertThat(run(state, ticks, signals, "never", "0", -1)).as("the run after the kills completes").isZero();

        List<String> journal;
        try (StateStore store = StateStore.open(state)) {
            journal = store.journal();
            assertThat(store.unsettledIntents()).isEmpty();
            JsonNode killedState = JSON.readTree(StateExport.of(store, store.ledger(ExecutorConfig.defaults().startingBalance())).toString());
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
        assertThat(opened).isNotEmpty().allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        // every signal line ended OPENED, REJECTED or DUPLICATE (exits are the CLOSED lines)
        long signalLines = Files.readAllLines(signals).size();
        assertThat(journal.stream().filter(l -> !l.contains("\"event\":\"CLOSED\"")).count()).isEqualTo(signalLines);
    }

    /** Runs the child replay; kills it with SIGKILL after {@code killAfterMs} if that is >= 0. */
    private static int run(Path state, Path ticks, Path signals, String point, String n, long killAfterMs)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingReplay.class.getName(), signals.toString(), ticks.toString(), state.toString(), point, n)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
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
                String signal = Scenario.open(id, symbols[s], action, ts - t0 - (r.nextInt(10) == 0 ? 40_000 : 0), 60 + r.nextInt(30));
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
}
