package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateExport;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * PENDING commit, right after its order was filled, and by SIGKILL at a random order of the run,
 * each of those kills shown to land mid-run: exit 137, the state further on than before and not
 * finished), restarted each time, and must end with the journal, positions and balance of an
 * uninterrupted run: every intent opened at most once, every signal OPENED, REJECTED or DUPLICATE. Once with linear
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

        soak(ticks, signals, null, 3, new String[][] {
            {"before", "1"}, {"after", "1"}, {"before", "2"}, {"after", "2"}, {"before", "3"}, {"after", "3"}
        });
    }

    /**
     * Limit entries: a kill while an order rests, after its end was recorded and before what filled
     * was booked, or after it was booked and before the fill was committed, neither loses nor
     * doubles it: the resting progress and the touches commit with their ticks, and what filled is
     * asked for by client order id.
     */
    @Test
    void killedAtManyPointsAReplayWithLimitEntriesEndsAsAnUninterruptedRun() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        writeQuotedInputs(new Random(9), ticks, signals);

        soak(ticks, signals, LIMIT, 3, new String[][] {{"before", "1"}, {"after", "1"}, {"before", "2"}, {"after", "2"}
        });
    }

    @Test
    void killedAtManyPointsAnOptionsReplayEndsAsAnUninterruptedRun() throws Exception {
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        Path chain = dir.resolve("chain.jsonl");
        writeOptionsInputs(new Random(5), ticks, signals, chain);

        // fewer orders in an hour of two underlyings' scalps (cooldowns): fewer kills
        soak(ticks, signals, chain, 2, new String[][] {{"before", "1"}, {"after", "1"}, {"before", "2"}, {"after", "2"}
        });
    }

    /**
     * The replay uninterrupted, then killed many times and restarted on one state: the same end.
     *
     * @param randomKills SIGKILLs at a random order of a run (the 2nd or 3rd), first
     * @param plan then halts at these points (before|after, the run's n-th order)
     */
    private void soak(Path ticks, Path signals, Path chain, int randomKills, String[][] plan) throws Exception {
        boolean limit = LIMIT.equals(chain);
        ExecutorConfig config = limit ? CrashingReplay.LIMIT : ExecutorConfig.defaults();
        chain = limit ? null : chain;
        List<String> reference;
        JsonNode referenceState;
        long finished;
        try (StateStore store = StateStore.open(dir.resolve("reference"));
                PaperBroker broker = new PaperBroker(
                        dir.resolve("reference"),
                        0.0002,
                        0.00055,
                        OptionsConfig.defaults().contractMultiplier())) {
            Engine engine = new Engine(store, broker, config, null, chain == null ? null : OptionsConfig.defaults());
            Replay.run(engine, new Replay.Inputs(signals, ticks, TickFormat.AUTO, null, chain), w -> {});
            reference = store.journal();
            finished = store.ledgerClock();
            referenceState =
                    JSON.readTree(StateExport.of(store, engine.ledger()).toString());
        }

        Path state = dir.resolve("killed");
        int kills = 0;
        Random random = new Random(11);
        // the random kills first, while most of the run is still ahead of them
        for (int i = 0; i < randomKills; i++) {
            long before = progress(state);
            // from the 2nd order on: a run's first order may re-send the order of the intent the
            // last kill left PENDING, which moves nothing on
            int killAfterOrder = 2 + random.nextInt(2);
            int code = run(state, ticks, signals, limit ? LIMIT : chain, "never", "0", killAfterOrder);
            long after = progress(state);
            assertThat(after)
                    .as("SIGKILL %d: the run committed an event first", i)
                    .isNotEqualTo(Long.MIN_VALUE);
            assertThat(code).as("SIGKILL %d after order %d", i, killAfterOrder).isEqualTo(137);
            assertThat(after)
                    .as("SIGKILL %d landed mid-run: clock %d -> %d of %d", i, before, after, finished)
                    .isGreaterThan(before)
                    .isLessThan(finished);
        }
        Path mode = limit ? LIMIT : chain;
        for (String[] halt : plan) {
            kills += run(state, ticks, signals, mode, halt[0], halt[1], 0) == 137 ? 1 : 0;
        }
        assertThat(run(state, ticks, signals, mode, "never", "0", 0))
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
        assertThat(kills).as("planned halts").isEqualTo(plan.length);
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
        if (limit) {
            assertThat(journal)
                    .as("limit entries filled in part and timed out")
                    .anyMatch(l -> l.contains("LIMIT_TIMEOUT"))
                    .anyMatch(l -> l.contains("limit entry filled"));
        }
        // every signal line ended OPENED, REJECTED or DUPLICATE (exits are the CLOSED lines)
        long signalLines = Files.readAllLines(signals).size();
        assertThat(journal.stream()
                        .filter(l -> !l.contains("\"event\":\"CLOSED\""))
                        .count())
                .isEqualTo(signalLines);
    }

    /** The soak's mode argument for a replay with limit entries ({@link CrashingReplay}). */
    private static final Path LIMIT = Path.of("limit");

    /**
     * Three symbols with a top of book, 1,500 ticks 400 ms apart (so each symbol trades twice
     * within a limit entry's 3 s), prices on a 0.01 grid (trades at a limit as well as through it),
     * 120 short scalps' signals in the first 1,450 ticks (every limit entry ends before the input
     * does).
     */
    private static void writeQuotedInputs(Random r, Path ticks, Path signals) throws IOException {
        long t0 = Scenario.T0;
        String[] symbols = {"BTCUSDT", "ETHUSDT", "SOLUSDT"};
        double[] prices = {100.0, 50.0, 20.0};
        List<String> tickLines = new ArrayList<>(List.of("symbol,ts,price,size,side,bid,ask,bid_size,ask_size"));
        List<String> signalLines = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            int s = i % 3;
            prices[s] = Math.round(prices[s] * (1 + r.nextGaussian() * 0.0005) * 100) / 100.0;
            long ts = t0 + i * 400L;
            boolean buy = r.nextBoolean();
            double bid = buy ? prices[s] - 0.01 : prices[s];
            double ask = buy ? prices[s] : prices[s] + 0.01;
            tickLines.add(String.format(
                    java.util.Locale.ROOT,
                    "%s,%d,%.2f,%d,%s,%.2f,%.2f,%d,%d",
                    symbols[s],
                    ts,
                    prices[s],
                    1 + r.nextInt(4),
                    buy ? "buy" : "sell",
                    bid,
                    ask,
                    1 + r.nextInt(5),
                    1 + r.nextInt(5)));
            if (i % 12 == 5 && i < 1_450) {
                String action = r.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT";
                // short scalps (tp and sl 0.5 % ROI, 20 s, no cooldown): positions turn over, orders keep coming
                String signal = SignalLine.open(Scenario.id("q" + i), symbols[s], action, ts, prices[s])
                        .withConfidence(60 + r.nextInt(30))
                        .withExits(0.005, 0.005, 20, 0, 0.01, 0.005)
                        .json();
                addOnceOrTwice(r, signalLines, signal); // a duplicate now and then
            }
        }
        write(ticks, tickLines, signals, signalLines);
    }

    /** Adds {@code signal} to {@code lines}, and once more one time in eight: a DUPLICATE. */
    private static void addOnceOrTwice(Random r, List<String> lines, String signal) {
        lines.add(signal);
        if (r.nextInt(8) == 0) {
            lines.add(signal);
        }
    }

    /** Writes the ticks, and the signals with a line that is not JSON in their middle. */
    private static void write(Path ticks, List<String> tickLines, Path signals, List<String> signalLines)
            throws IOException {
        signalLines.add(signalLines.size() / 2, "{ not json");
        Files.write(ticks, tickLines);
        Files.write(signals, signalLines);
    }

    /** How far a state has come: the event time of the last event it committed (the ledger's clock). */
    private static long progress(Path state) {
        if (!Files.exists(state.resolve("state.db"))) {
            return Long.MIN_VALUE;
        }
        try (StateStore store = StateStore.open(state)) {
            return store.ledgerClock();
        }
    }

    /**
     * Runs the child replay; kills it with SIGKILL once it reports its {@code killAfterOrder}-th
     * filled order, if that is >= 1.
     */
    private static int run(Path state, Path ticks, Path signals, Path chain, String point, String n, int killAfterOrder)
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
        Process p = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("order " + killAfterOrder)) {
                    p.destroyForcibly(); // closes this stream too
                    break;
                }
            }
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
                addOnceOrTwice(r, signalLines, signal); // a duplicate now and then
            }
        }
        write(ticks, tickLines, signals, signalLines);
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
                addOnceOrTwice(r, signalLines, signal); // a duplicate now and then
            }
            if (k % 200 == 100) {
                chainLines.add("{\"underlying\":\"TSLA\",\"ts\":" + (t0 + at) + "}");
            }
        }
        write(ticks, tickLines, signals, signalLines);
        Files.write(chain, chainLines);
    }
}
