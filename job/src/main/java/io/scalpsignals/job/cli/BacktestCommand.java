package io.scalpsignals.job.cli;

import io.scalpsignals.executor.cli.ExecSettings;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.job.backtest.Backtester;
import io.scalpsignals.job.backtest.Ranking;
import io.scalpsignals.job.backtest.SweepPlan;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.report.LimitEntryFigures;
import io.scalpsignals.report.SweepReport;
import io.scalpsignals.udf.config.StrategyConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scalp backtest}: the job's backfill over trade files, the executor's replay of its signals
 * over the same trades with a latency and the executor's settings, and the report; with {@code
 * --sweep} or {@code --sample}, every combination in this process, ranked ({@code sweep.csv},
 * {@code sweep.html}); with {@code --train} and {@code --test}, the best combination on the first
 * range run on the second (walk-forward).
 */
@Command(
        name = "backtest",
        mixinStandardHelpOptions = true,
        description =
                "Backfills trades, replays the signals through the executor with a latency and costs, and reports;"
                        + " sweeps and ranks settings in one process.")
public final class BacktestCommand implements Callable<Integer> {

    /**
     * The default latency from a signal's tick to the executor's decision, ms: the job's tick to
     * signal (about 1 ms, BENCHMARKS.md), two Kafka hops (p99 14-28 ms measured on a 2-core machine)
     * and a venue's order round trip from a nearby region (50-70 ms): 100 ms, rounded up.
     */
    static final long DEFAULT_LATENCY_MS = 100;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "A trade file (repeatable; several are merged by ts).")
    List<Path> inputs;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description =
                    "auto, csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--symbol",
            description = "Symbol of records that carry none (bitstamp: BTCUSD; freqtrade: from the file name).")
    String symbol;

    @Option(
            names = "--from",
            paramLabel = "TS",
            description =
                    "Trade signals from this time on (epoch ms or ISO-8601; the backfill still reads all trades).")
    String from;

    @Option(names = "--to", paramLabel = "TS", description = "Stop the replay at this time (exclusive).")
    String to;

    @Mixin
    StrategyOptions strategyOptions;

    @Mixin
    ExecSettings execSettings;

    @Option(
            names = "--latency-ms",
            defaultValue = "" + DEFAULT_LATENCY_MS,
            paramLabel = "MS",
            description =
                    "From a signal's ts to the executor's decision; an open fills at the last tick before then (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(
            names = "--allow-unprofitable",
            description = "Run even when a take profit does not pay for the round trip's fees and slippage.")
    boolean allowUnprofitable;

    @Option(
            names = "--sweep",
            paramLabel = "KEY=V1,V2,...",
            description =
                    "A grid over a strategy key (as --set), an executor key (as --exec) or latency_ms (repeatable).")
    List<String> sweeps = new ArrayList<>();

    @Option(
            names = "--sample",
            paramLabel = "KEY=LO..HI",
            description = "A random search over a key's range (repeatable; with --samples, --seed).")
    List<String> samples = new ArrayList<>();

    @Option(
            names = "--samples",
            defaultValue = "20",
            paramLabel = "N",
            description = "Draws of the random search (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--seed", defaultValue = "1", description = "The random search's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rank-by",
            defaultValue = "pnl",
            paramLabel = "FIGURE",
            description = "pnl, sharpe, sortino, profit_factor or max_drawdown (default: ${DEFAULT-VALUE}).")
    String rankBy;

    @Option(
            names = "--train",
            paramLabel = "FROM..TO",
            description = "Walk-forward: rank the combinations on this range ...")
    String train;

    @Option(names = "--test", paramLabel = "FROM..TO", description = "... and run the best of them on this one.")
    String test;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Replays at once in a sweep (default: the machine's cores).")
    Integer workers;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the backfill's keyed operators (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = spec.commandLine();
        PrintWriter err = cli.getErr();
        ExecutorConfig exec = execSettings.resolve(cli);
        BackfillCommand.validate(
                cli, inputs, format, symbol, strategyOptions, "signals,blocked,features", parallelism, "heap");
        List<Map<String, String>> combinations;
        Ranking ranking;
        Backtester.Window window;
        Backtester.Window[] walk;
        try {
            if (latencyMs < 0) {
                throw new IllegalArgumentException("--latency-ms: must be >= 0, got " + latencyMs);
            }
            if (workers != null && workers < 1) {
                throw new IllegalArgumentException("--workers: must be >= 1, got " + workers);
            }
            combinations = SweepPlan.combinations(sweeps, samples, draws, seed);
            ranking = Ranking.parse(rankBy);
            window = new Backtester.Window(
                    from == null ? Long.MIN_VALUE : BackfillCommand.timestamp("--from", from),
                    to == null ? Long.MAX_VALUE : BackfillCommand.timestamp("--to", to));
            walk = walkForward();
            if (walk != null && (from != null || to != null)) {
                throw new IllegalArgumentException("--from/--to and --train/--test: give one or the other");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        Backtester backtester = new Backtester(
                new Backtester.Trades(inputs, TickFormat.parse(format), symbol),
                exec,
                latencyMs,
                (sets, dir) -> BackfillCommand.run(
                        BackfillCommand.validate(
                                cli,
                                inputs,
                                format,
                                symbol,
                                strategyOptions.with(sets),
                                "signals,blocked,features",
                                parallelism,
                                "heap"),
                        dir),
                workers != null ? workers : Runtime.getRuntime().availableProcessors(),
                line -> {
                    err.println("backtest: " + line);
                    err.flush();
                });
        checkCombinations(cli, backtester, combinations);
        Files.createDirectories(out);
        PrintWriter o = cli.getOut();
        boolean sweep = !sweeps.isEmpty() || !samples.isEmpty();
        if (walk != null) {
            List<Backtester.Run> ranked =
                    ranked(backtester.sweep(combinations, out.resolve("train"), walk[0]), ranking);
            report(out.resolve("train"), ranked, ranking);
            Backtester.Run best = ranked.get(0);
            Backtester.Run tested = backtester.again(best, out.resolve("test"), walk[1]);
            String verdict = "walk-forward: best on " + train + " by " + ranking.optionName() + ": "
                    + (best.label().isEmpty() ? "the base settings" : best.label()) + "\n"
                    + String.format(
                            Locale.ROOT,
                            "train %s: %d trades, PnL %.2f%ntest  %s: %d trades, PnL %.2f%n",
                            train,
                            best.summary().trades(),
                            best.summary().pnl(),
                            test,
                            tested.summary().trades(),
                            tested.summary().pnl());
            Files.writeString(out.resolve("walk-forward.txt"), verdict);
            o.print(verdict);
            o.println("reports: " + out.resolve("train/sweep.html").toAbsolutePath() + ", "
                    + out.resolve("test/report.html").toAbsolutePath());
        } else if (sweep) {
            List<Backtester.Run> ranked = ranked(backtester.sweep(combinations, out, window), ranking);
            report(out, ranked, ranking);
            o.print(SweepReport.table(toReport(ranked)));
            o.println("sweep report " + out.resolve("sweep.html").toAbsolutePath() + " (ranked by "
                    + ranking.optionName() + "), " + out.resolve("sweep.csv").toAbsolutePath());
        } else {
            Backtester.Run run = backtester.single(out, window);
            o.print(run.summary().format());
            LimitEntryFigures.read(out, run.summary().feesPaid()).ifPresent(f -> o.print(f.format()));
            o.println("report            " + out.resolve("report.html").toAbsolutePath());
        }
        o.flush();
        return 0;
    }

    /** The two ranges of --train/--test, or null without them. */
    private Backtester.Window[] walkForward() {
        if ((train == null) != (test == null)) {
            throw new IllegalArgumentException("--train and --test go together");
        }
        if (train == null) {
            return null;
        }
        return new Backtester.Window[] {range("--train", train), range("--test", test)};
    }

    private static Backtester.Window range(String option, String value) {
        int dots = value.indexOf("..");
        if (dots <= 0 || dots + 2 >= value.length()) {
            throw new IllegalArgumentException(option + ": expected FROM..TO, got '" + value + "'");
        }
        long f = BackfillCommand.timestamp(option, value.substring(0, dots));
        long t = BackfillCommand.timestamp(option, value.substring(dots + 2));
        if (t <= f) {
            throw new IllegalArgumentException(option + ": TO must be after FROM, got '" + value + "'");
        }
        return new Backtester.Window(f, t);
    }

    /**
     * Every combination's settings are checked before anything runs: a bad key or value, and a
     * take profit that does not pay for the round trip (unless {@code --allow-unprofitable}).
     */
    private void checkCombinations(CommandLine cli, Backtester backtester, List<Map<String, String>> combinations) {
        Map<String, List<String>> unprofitable = new LinkedHashMap<>();
        for (Map<String, String> c : combinations) {
            String where = c.isEmpty()
                    ? ""
                    : "("
                            + String.join(
                                    " ",
                                    c.entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .toList()) + ") ";
            StrategyConfig strategy;
            ExecutorConfig exec;
            try {
                strategy = strategyOptions.with(Backtester.strategyPart(c)).strategy();
                exec = backtester.execFor(c);
                backtester.latencyFor(c);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, where + e.getMessage());
            }
            List<String> bands = strategy.unprofitableBands(exec.roundTripCostPct());
            if (!bands.isEmpty()) {
                unprofitable.put(where, bands);
            }
        }
        if (!unprofitable.isEmpty() && !allowUnprofitable) {
            StringBuilder b = new StringBuilder(
                    "the take profit does not pay for the round trip (2 x fee_pct + 2 x slippage_pct);"
                            + " raise tp_pct, lower the costs, or pass --allow-unprofitable:");
            unprofitable.entrySet().stream()
                    .limit(5)
                    .forEach(e -> e.getValue()
                            .forEach(line -> b.append("\n  ").append(e.getKey()).append(line)));
            if (unprofitable.size() > 5) {
                b.append("\n  ... and ").append(unprofitable.size() - 5).append(" more combinations");
            }
            throw new CommandLine.ParameterException(cli, b.toString());
        }
    }

    private static List<Backtester.Run> ranked(List<Backtester.Run> runs, Ranking ranking) {
        List<Backtester.Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> ranking.order().compare(a.summary(), b.summary()));
        return sorted;
    }

    private static void report(Path dir, List<Backtester.Run> ranked, Ranking ranking) throws IOException {
        List<SweepReport.Run> rows = toReport(ranked);
        SweepReport.write(dir, rows, ranking.optionName());
        SweepReport.writeCsv(dir, rows);
    }

    private static List<SweepReport.Run> toReport(List<Backtester.Run> runs) {
        return runs.stream()
                .map(r -> new SweepReport.Run(Integer.toString(r.number()), r.label(), r.summary()))
                .toList();
    }
}
