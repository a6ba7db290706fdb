package io.scalpsignals.job.backtest;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.report.Backtest;
import io.scalpsignals.report.HtmlReport;
import io.scalpsignals.report.Summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Backtests in one process: the job's backfill of the trades once per distinct strategy setting
 * ({@link Backfiller}, one at a time: each uses every core), then per combination of settings the
 * executor's replay of those signals over the same trades and the report, on a pool of workers.
 * A combination's keys are executor settings ({@link ExecutorConfig#keys()}), {@code latency_ms},
 * or else strategy keys (as {@code --set}).
 *
 * <p>Layout under the output directory: a single run writes {@code backfill/}, {@code
 * journal.jsonl}, {@code settings.json}, {@code report.html}; a sweep writes {@code backfills/<k>/}
 * and {@code runs/<n>/} (its {@code params.txt}, journal, settings, report).
 */
public final class Backtester {

    /** The latency key of a combination: ms from a signal's {@code ts} to the executor's decision. */
    public static final String LATENCY_KEY = "latency_ms";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EXEC_KEYS = Set.copyOf(ExecutorConfig.keys());

    /** Runs the job's backfill with these strategy keys (over the base configuration) into {@code out}: signals, blocked, features. */
    @FunctionalInterface
    public interface Backfiller {
        void backfill(Map<String, String> strategySets, Path out) throws Exception;
    }

    /** The trades: files, their format and the symbol of records that carry none. */
    public record Trades(
            List<Path> files, TickFormat format, @Nullable String symbol) {}

    /**
     * The part of the event time a run trades in: signals with {@code ts} in {@code [from, to)}, the
     * replay stopped before {@code to} (the backfill always reads all the trades, so features are
     * warm at {@code from}).
     */
    public record Window(long from, long to) {
        public static final Window ALL = new Window(Long.MIN_VALUE, Long.MAX_VALUE);

        public boolean isAll() {
            return from == Long.MIN_VALUE && to == Long.MAX_VALUE;
        }
    }

    /** One combination's result. */
    public record Run(int number, Map<String, String> params, Path dir, Path backfill, Summary summary) {
        /** {@code key=value} pairs separated by blanks; empty for the base settings. */
        public String label() {
            return Backtester.label(params);
        }
    }

    private final Trades trades;
    private final ExecutorConfig exec;
    private final long latencyMs;
    private final Backfiller backfiller;
    private final int workers;
    private final Consumer<String> progress;

    /**
     * @param exec the executor settings every combination starts from
     * @param latencyMs the latency every combination starts from, ms
     * @param workers replays run at once (≥ 1)
     * @param progress told of each backfill and each finished run, one line each
     */
    public Backtester(
            Trades trades,
            ExecutorConfig exec,
            long latencyMs,
            Backfiller backfiller,
            int workers,
            Consumer<String> progress) {
        this.trades = trades;
        this.exec = exec;
        this.latencyMs = latencyMs;
        this.backfiller = backfiller;
        this.workers = workers;
        this.progress = progress;
    }

    /** Whether {@code key} is one of the executor's (or the latency), not a strategy key. */
    public static boolean isExecutorKey(String key) {
        return EXEC_KEYS.contains(key) || key.equals(LATENCY_KEY);
    }

    /** The strategy keys of a combination. */
    public static Map<String, String> strategyPart(Map<String, String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!isExecutorKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * The executor settings of a combination.
     *
     * @throws IllegalArgumentException naming a bad key or value
     */
    public ExecutorConfig execFor(Map<String, String> params) {
        Map<String, String> sets = new LinkedHashMap<>(params);
        sets.keySet().removeIf(k -> !EXEC_KEYS.contains(k));
        return exec.with(sets);
    }

    /**
     * The latency of a combination, ms.
     *
     * @throws IllegalArgumentException for a value that is no whole number ≥ 0
     */
    public long latencyFor(Map<String, String> params) {
        String v = params.get(LATENCY_KEY);
        if (v == null) {
            return latencyMs;
        }
        try {
            long l = Long.parseLong(v.strip());
            if (l >= 0) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(LATENCY_KEY + ": must be a whole number of ms >= 0, got '" + v + "'");
    }

    /** One backtest with the base settings into {@code out}. */
    public Run single(Path out, Window window) throws Exception {
        Path backfill = out.resolve("backfill");
        progress.accept("backfill of " + trades.files().size() + " file(s)");
        backfiller.backfill(Map.of(), backfill);
        return replayAndReport(1, Map.of(), out, backfill, window);
    }

    /** {@code run}'s settings again over another window, on its backfill, into {@code out} (walk-forward's test). */
    public Run again(Run run, Path out, Window window) throws Exception {
        return replayAndReport(run.number(), run.params(), out, run.backfill(), window);
    }

    /**
     * Every combination, under {@code out/runs/<n>/}, in run order (not ranked).
     *
     * @throws Exception the first failure of a backfill or a run
     */
    public List<Run> sweep(List<Map<String, String>> combinations, Path out, Window window) throws Exception {
        Map<Map<String, String>, Path> backfills = new LinkedHashMap<>();
        combinations.forEach(c -> backfills.putIfAbsent(
                strategyPart(c), out.resolve("backfills").resolve(Integer.toString(backfills.size() + 1))));
        int k = 0;
        for (Map.Entry<Map<String, String>, Path> b : backfills.entrySet()) {
            k++;
            progress.accept("backfill " + k + " of " + backfills.size()
                    + (b.getKey().isEmpty() ? "" : " (" + label(b.getKey()) + ")"));
            backfiller.backfill(b.getKey(), b.getValue());
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Run>> futures = new ArrayList<>();
            for (int i = 0; i < combinations.size(); i++) {
                int number = i + 1;
                Map<String, String> params = combinations.get(i);
                Path dir = out.resolve("runs").resolve(Integer.toString(number));
                futures.add(pool.submit(() -> {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("params.txt"), label(params) + "\n");
                    Run r = replayAndReport(number, params, dir, backfills.get(strategyPart(params)), window);
                    progress.accept(String.format(
                            Locale.ROOT,
                            "run %d of %d (%s): %d trades, PnL %.2f",
                            number,
                            combinations.size(),
                            label(params),
                            r.summary().trades(),
                            r.summary().pnl()));
                    return r;
                }));
            }
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                try {
                    runs.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            return runs;
        } finally {
            pool.shutdownNow();
        }
    }

    private Run replayAndReport(int number, Map<String, String> params, Path dir, Path backfill, Window window)
            throws Exception {
        ExecutorConfig config = execFor(params);
        long latency = latencyFor(params);
        Files.createDirectories(dir);
        Path signals = inReplayOrder(backfill.resolve("signals.jsonl"), window, dir.resolve("signals.jsonl"));
        Path state = dir.resolve("executor");
        try (StateStore store = StateStore.open(state, StateStore.MAX_GROUP);
                PaperBroker broker = new PaperBroker(
                        state,
                        config.slippagePct(),
                        config.feePct(),
                        config.makerFeePct(),
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(
                    new Engine(store, broker, config),
                    new Replay.Inputs(
                            signals, trades.files(), trades.format(), trades.symbol(), null, latency, window.to()),
                    w -> {});
            List<String> lines = store.journal();
            Files.write(
                    dir.resolve("journal.jsonl"),
                    (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("settings.json"), config.describe(latency));
        Backtest b = Backtest.load(dir, backfill);
        HtmlReport.write(b);
        return new Run(number, params, dir, backfill, Summary.of(b));
    }

    /**
     * The signals of {@code all} whose {@code ts} is in the window, written to {@code out} in the
     * order the replay reads them: by {@code ts}, then by symbol, each symbol's in the backfill's
     * order. A backfill's order across symbols is unspecified (SPEC.md §8: it follows its subtasks'
     * timing), and the replay reads signals in line order (§7), so without this a backtest of
     * several symbols could differ from run to run. A line that is no signal (no JSON object with a
     * numeric {@code ts}) stays right after the line before it, where the replay journals it.
     */
    static Path inReplayOrder(Path all, Window window, Path out) throws IOException {
        record Line(long ts, String symbol, String text) {}
        List<Line> kept = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(all, StandardCharsets.UTF_8)) {
            Line previous = new Line(Long.MIN_VALUE, "", "");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = readOrNull(line);
                if (n == null || !n.path("ts").isIntegralNumber()) {
                    if (window.isAll()) {
                        kept.add(new Line(previous.ts(), previous.symbol(), line));
                    }
                    continue;
                }
                long ts = n.get("ts").asLong();
                previous = new Line(ts, n.path("symbol").asText(), line);
                if (window.isAll() || (ts >= window.from() && ts < window.to())) {
                    kept.add(previous);
                }
            }
        }
        kept.sort(Comparator.comparingLong(Line::ts).thenComparing(Line::symbol)); // stable: a symbol's own order kept
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (Line l : kept) {
                w.write(l.text());
                w.write('\n');
            }
        }
        return out;
    }

    @Nullable
    private static JsonNode readOrNull(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    static String label(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
