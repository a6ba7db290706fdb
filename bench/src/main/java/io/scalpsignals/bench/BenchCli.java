package io.scalpsignals.bench;

import io.scalpsignals.job.Output;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SurgeMarket;
import io.scalpsignals.testing.SyntheticTicks;

import org.apache.flink.util.FileUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * {@code bin/bench}: the benchmarks of BENCHMARKS.md. Every figure is printed as a markdown row
 * with its ratio against a baseline measured in the same run (the floor, unless stated).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: throughput, latency and memory against the floor and peers.",
        subcommands = {
            BenchCli.Generate.class,
            BenchCli.Backfill.class,
            BenchCli.Peers.class,
            BenchCli.Live.class,
            BenchCli.ExecutorLive.class,
            BenchCli.Executor.class,
            BenchCli.Options.class,
            BenchCli.Memory.class
        })
public final class BenchCli implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark (see --help)");
    }

    static String row(Object... cells) {
        StringBuilder b = new StringBuilder("|");
        for (Object c : cells) {
            b.append(' ')
                    .append(c instanceof Double d ? String.format(Locale.ROOT, "%,.1f", d) : c)
                    .append(" |");
        }
        return b.toString();
    }

    /** A benchmark step on a fresh directory under {@code work}. */
    @FunctionalInterface
    interface InDirectory<T> {
        T run(Path dir) throws Exception;
    }

    /** Runs {@code step} on a fresh directory under {@code work} and deletes the directory after. */
    static <T> T scratch(Path work, InDirectory<T> step) throws Exception {
        Files.createDirectories(work);
        Path dir = Files.createTempDirectory(work, "bench-");
        try {
            return step.run(dir);
        } finally {
            FileUtils.deleteDirectory(dir.toFile());
        }
    }

    /** The run of median throughput among {@code n}. */
    static BackfillBench.Result median(int n, Callable<BackfillBench.Result> run) throws Exception {
        List<BackfillBench.Result> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(run.call());
        }
        runs.sort(Comparator.comparingDouble(BackfillBench.Result::ticksPerSecond));
        return runs.get(runs.size() / 2);
    }

    static Floor.Result floor(List<Tick> ticks, PrintWriter out) {
        Floor.run(ticks); // warm-up
        List<Floor.Result> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(Floor.run(ticks));
        }
        runs.sort(Comparator.comparingDouble(Floor.Result::ticksPerSecond));
        Floor.Result f = runs.get(2); // the median of 5
        out.println(row(
                "floor: SPEC §2–§3, one thread, in memory",
                String.format(Locale.ROOT, "%,.0f", f.ticksPerSecond()),
                "1.00"));
        out.flush();
        return f;
    }

    /** {@code bench generate}: writes the synthetic ticks as csv. */
    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes seeded synthetic ticks as csv.")
    static final class Generate implements Callable<Integer> {
        @Option(
                names = "--market",
                defaultValue = "synthetic",
                description =
                        "synthetic (SyntheticTicks) or surge (SurgeMarket: its history, then --ticks live ticks at --rate) (default: ${DEFAULT-VALUE}).")
        String market;

        @Option(names = "--ticks", defaultValue = "2000000")
        long ticks;

        @Option(names = "--symbols", defaultValue = "200")
        int symbols;

        @Option(
                names = "--rate",
                defaultValue = "2000",
                description = "Ticks per second of event time (surge: of the live part) (default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(
                names = "--history-sec",
                defaultValue = "3960",
                description = "surge: seconds of history, one trade a second per symbol (default: ${DEFAULT-VALUE}).")
        int historySec;

        @Option(names = "--seed", defaultValue = "42")
        long seed;

        @Option(names = "--out", required = true)
        Path out;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            long start = 1_700_000_000_000L;
            if (market.equals("surge")) {
                SurgeMarket m = new SurgeMarket(symbols, historySec, rate, seed, start + historySec * 1000L);
                try (BufferedWriter w = Files.newBufferedWriter(out)) {
                    w.write("symbol,ts,price,size\n");
                    Consumer<Tick> csv = t -> {
                        try {
                            w.write(t.symbol() + "," + t.ts() + "," + t.price() + "," + t.size() + "\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    };
                    m.history(csv);
                    m.live(ticks, csv);
                }
            } else if (market.equals("synthetic")) {
                new SyntheticTicks(symbols, rate, seed, start).writeCsv(ticks, out);
            } else {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--market: synthetic or surge, got " + market);
            }
            System.out.printf(
                    Locale.ROOT,
                    "bench: %s market, %d symbols in %s (%,d bytes)%n",
                    market,
                    symbols,
                    out,
                    Files.size(out));
            return 0;
        }
    }

    /** {@code bench backfill}: the floor, then the backfill with heap and RocksDB state at parallelism 1 and 2. */
    @Command(
            name = "backfill",
            mixinStandardHelpOptions = true,
            description = "Floor vs backfill (heap, RocksDB; p1, p2).")
    static final class Backfill implements Callable<Integer> {
        @Option(names = "--input", required = true)
        Path input;

        @Option(
                names = "--outputs",
                defaultValue = "all",
                description = "all, or a list like signals,blocked (default: ${DEFAULT-VALUE}).")
        String outputs;

        @Option(names = "--work", defaultValue = "target/bench-work")
        Path work;

        @Option(names = "--state-backends", split = ",", defaultValue = "hashmap,rocksdb")
        List<String> backends;

        @Option(names = "--parallelism", split = ",", defaultValue = "1,2")
        List<Integer> parallelism;

        @Option(
                names = "--repeat",
                defaultValue = "3",
                description = "Runs per configuration; the median is reported (default: ${DEFAULT-VALUE}).")
        int repeat;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            Files.createDirectories(work);
            EnumSet<Output> set =
                    outputs.equals("all") ? EnumSet.allOf(Output.class) : EnumSet.copyOf(Output.parseList(outputs));
            List<Tick> ticks = PeerBench.load(input);
            out.println(row("run", "ticks/s", "× floor"));
            out.println(row("---", "---:", "---:"));
            Floor.Result f = floor(ticks, out);
            ticks = null;
            BackfillBench.run(input, backends.get(0), 1, set, work); // warm-up
            for (String backend : backends) {
                for (int p : parallelism) {
                    BackfillBench.Result r = median(repeat, () -> BackfillBench.run(input, backend, p, set, work));
                    out.println(row(
                            "backfill " + backend + " p" + p + " → " + (outputs.equals("all") ? "all outputs" : outputs)
                                    + " (" + String.format(Locale.ROOT, "%,d", r.signals()) + " signals)",
                            String.format(Locale.ROOT, "%,.0f", r.ticksPerSecond()),
                            String.format(Locale.ROOT, "%.2f", r.ticksPerSecond() / f.ticksPerSecond())));
                }
            }
            return 0;
        }
    }

    /** {@code bench peers}: ta4j's bar indicators and a Flink SQL window query against the floor. */
    @Command(
            name = "peers",
            mixinStandardHelpOptions = true,
            description = "Floor vs ta4j and Flink SQL on the same trades.")
    static final class Peers implements Callable<Integer> {
        @Option(names = "--input", required = true)
        Path input;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            List<Tick> ticks = PeerBench.load(input);
            out.println(row("run", "ticks/s", "× floor"));
            out.println(row("---", "---:", "---:"));
            Floor.Result f = floor(ticks, out);
            PeerBench.ta4j(ticks);
            PeerBench.Result ta4j = PeerBench.ta4j(ticks);
            out.println(row(
                    ta4j.name(),
                    String.format(Locale.ROOT, "%,.0f", ta4j.ticksPerSecond()),
                    String.format(Locale.ROOT, "%.2f", ta4j.ticksPerSecond() / f.ticksPerSecond())));
            int n = ticks.size();
            ticks = null;
            PeerBench.flinkSql(input, n, 1);
            for (int p : new int[] {1, 2}) {
                PeerBench.Result sql = PeerBench.flinkSql(input, n, p);
                out.println(row(
                        sql.name(),
                        String.format(Locale.ROOT, "%,.0f", sql.ticksPerSecond()),
                        String.format(Locale.ROOT, "%.2f", sql.ticksPerSecond() / f.ticksPerSecond())));
            }
            return 0;
        }
    }

    /** {@code bench live}: tick→gate latency through Kafka at several rates and symbol counts. */
    @Command(name = "live", mixinStandardHelpOptions = true, description = "Tick→gate latency through a real broker.")
    static final class Live implements Callable<Integer> {
        @Option(
                names = "--market",
                defaultValue = "synthetic",
                description =
                        "synthetic: SyntheticTicks, the job embedded in this JVM; surge: SurgeMarket, bin/scalp run as its own process with its defaults on the broker of --bootstrap-servers (default: ${DEFAULT-VALUE}).")
        String market;

        @Option(names = "--rates", split = ",", defaultValue = "5000,20000,50000")
        int[] rates;

        @Option(names = "--symbols", split = ",", description = "Default: 50,2000 (synthetic), 50 (surge).")
        int[] symbols;

        @Option(names = "--seconds", defaultValue = "20")
        int seconds;

        @Option(
                names = "--warmup",
                description =
                        "Seconds not counted, by due time: synthetic 125 (its 120 s volume history must fill), surge 20.")
        Integer warmup;

        @Option(
                names = "--history-sec",
                defaultValue = "3960",
                description =
                        "surge: seconds of history before the live ticks, one trade a second per symbol (default: ${DEFAULT-VALUE}).")
        int historySec;

        @Option(
                names = "--catch-up-sec",
                defaultValue = "40",
                description = "surge: seconds from the job's start to the first live tick (default: ${DEFAULT-VALUE}).")
        int catchUpSec;

        @Option(names = "--scalp", description = "surge: the bin/scalp to run (default: this checkout's).")
        Path scalp;

        @Option(
                names = "--job-arg",
                description = "surge: an argument added to scalp run's (repeat; none: its defaults).")
        List<String> jobArgs = new ArrayList<>();

        @Option(
                names = "--parallelism",
                defaultValue = "2",
                description = "The job's --parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(
                names = "--buffer-timeout-ms",
                defaultValue = "0",
                description = "The job's --buffer-timeout-ms (default: ${DEFAULT-VALUE}).")
        long bufferTimeoutMs;

        @Option(
                names = "--linger-ms",
                defaultValue = "0",
                description = "linger.ms of the job's sinks and the tick producer (default: ${DEFAULT-VALUE}).")
        int lingerMs;

        @Option(names = "--features", description = "The job also writes every feature record to a topic.")
        boolean features;

        @Option(
                names = "--bootstrap-servers",
                description =
                        "A broker already running (deploy/local/kafka.sh) instead of one in this JVM; one symbol count and rate per broker (its topics are created).")
        String bootstrap;

        @Option(names = "--work", defaultValue = "target/bench-work")
        Path work;

        @Override
        public Integer call() throws Exception {
            if (market.equals("surge")) {
                return surge();
            }
            if (!market.equals("synthetic")) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--market: synthetic or surge, got " + market);
            }
            int warmup = this.warmup == null ? 125 : this.warmup;
            int[] symbols = this.symbols == null ? new int[] {50, 2000} : this.symbols;
            PrintWriter out = new PrintWriter(System.out, true);
            LiveLatencyBench.Settings settings =
                    new LiveLatencyBench.Settings(parallelism, bufferTimeoutMs, lingerMs, features);
            out.println("parallelism " + parallelism + ", buffer timeout " + bufferTimeoutMs + " ms, linger " + lingerMs
                    + " ms, feature records " + (features ? "written" : "not written"));
            out.println(row(
                    "symbols",
                    "target ticks/s",
                    "sent ticks/s",
                    "gate records",
                    "missing",
                    "unexpected",
                    "gate p50 ms",
                    "gate p99 ms",
                    "gate p99.9 ms",
                    "ticks topic p50 ms",
                    "p99 ms",
                    "p99.9 ms",
                    "drain s"));
            out.println(row(
                    "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:",
                    "---:"));
            for (int n : symbols) {
                for (int rate : rates) {
                    LiveLatencyBench.Result r = scratch(
                            work, dir -> LiveLatencyBench.run(dir, rate, n, warmup, seconds, settings, bootstrap));
                    out.println(row(
                            n,
                            rate,
                            r.sentPerSecond(),
                            r.counted().received(),
                            r.counted().missing(),
                            r.counted().unexpected(),
                            ms(r.counted().gate()[0]),
                            ms(r.counted().gate()[1]),
                            ms(r.counted().gate()[2]),
                            ms(r.counted().oneHop()[0]),
                            ms(r.counted().oneHop()[1]),
                            ms(r.counted().oneHop()[2]),
                            String.format(Locale.ROOT, "%.0f", r.counted().drainSec())));
                }
            }
            return 0;
        }

        private static String ms(double v) {
            return String.format(Locale.ROOT, "%,.2f", v);
        }

        @Spec
        CommandLine.Model.CommandSpec spec;

        private int surge() throws Exception {
            if (bootstrap == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--market surge needs --bootstrap-servers (deploy/local/kafka.sh start)");
            }
            for (String synthetic : List.of("--parallelism", "--buffer-timeout-ms", "--linger-ms", "--features")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(synthetic)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            synthetic + ": not with --market surge, which runs bin/scalp run with its"
                                    + " defaults (change them with --job-arg)");
                }
            }
            if (symbols != null && symbols.length > 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--symbols: --market surge takes one symbol count");
            }
            Path bin = scalp != null ? scalp : Path.of(System.getProperty("scalp.root", "."), "bin", "scalp");
            PrintWriter out = new PrintWriter(System.out, true);
            out.println("surge market: " + bin + " run " + String.join(" ", jobArgs) + ", broker " + bootstrap);
            out.println(BenchCli.row(
                    "ticks/s",
                    "state",
                    "sent ticks/s",
                    "expected gate records",
                    "missing",
                    "unexpected",
                    "gate p50 ms",
                    "gate p99 ms",
                    "gate max ms",
                    "one hop p50 ms",
                    "one hop p99 ms",
                    "drain s"));
            out.println(BenchCli.row(
                    "---:", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"));
            int n = symbols == null ? 50 : symbols[0];
            String state = jobArgs.contains("hashmap") ? "hashmap" : "rocksdb";
            for (int rate : rates) {
                SurgeBench.Setup setup = new SurgeBench.Setup(
                        bootstrap, bin, jobArgs, n, historySec, catchUpSec, warmup == null ? 20 : warmup, seconds, 7);
                SurgeBench.Result r = scratch(work, dir -> SurgeBench.run(setup, rate, dir));
                out.println(SurgeBench.row(state, rate, r));
                System.err.println(
                        "slowest gate records at " + rate + " ticks/s (due after the first live tick): " + r.slowest());
            }
            return 0;
        }
    }

    /** {@code bench executor}: intents per second and decision latency with the durable store. */
    @Command(
            name = "executor",
            mixinStandardHelpOptions = true,
            description = "Executor intents/s and decision latency.")
    static final class Executor implements Callable<Integer> {
        @Option(names = "--intents", defaultValue = "20000")
        int intents;

        @Option(names = "--symbols", defaultValue = "50")
        int symbols;

        @Option(names = "--work", defaultValue = "target/bench-work")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            scratch(work, dir -> ExecutorBench.run(dir, Math.max(1_000, intents / 10), symbols)); // warm-up
            ExecutorBench.Result r = scratch(work, dir -> ExecutorBench.run(dir, intents, symbols));
            out.println(row("intents", "intents/s (whole loop)", "decision p50 µs", "p99 µs", "p99.9 µs"));
            out.println(row("---:", "---:", "---:", "---:", "---:"));
            out.println(row(r.intents(), r.intentsPerSecond(), r.p50Micros(), r.p99Micros(), r.p999Micros()));
            return 0;
        }
    }

    /** {@code bench executor-live}: {@code executor run}'s loop on a real broker, its consumer lag at each feed rate. */
    @Command(
            name = "executor-live",
            mixinStandardHelpOptions = true,
            description = "Executor run on Kafka: consumer lag at a feed rate.")
    static final class ExecutorLive implements Callable<Integer> {
        @Option(names = "--rates", split = ",", defaultValue = "20000,50000")
        int[] rates;

        @Option(names = "--symbols", defaultValue = "50")
        int symbols;

        @Option(names = "--seconds", defaultValue = "20")
        int seconds;

        @Option(names = "--work", defaultValue = "target/bench-work")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            out.println(row("ticks/s target", "sent/s", "ticks", "max lag (ticks)", "max lag (s of feed)", "drain s"));
            out.println(row("---:", "---:", "---:", "---:", "---:", "---:"));
            for (int rate : rates) {
                ExecutorLiveBench.Result r = scratch(work, dir -> ExecutorLiveBench.run(dir, rate, symbols, seconds));
                out.println(row(
                        rate,
                        String.format(Locale.ROOT, "%,.0f", r.sentPerSecond()),
                        r.ticks(),
                        r.maxLag(),
                        String.format(Locale.ROOT, "%.2f", r.maxLag() / (double) rate),
                        String.format(Locale.ROOT, "%.2f", r.drainSeconds())));
            }
            return 0;
        }
    }

    /** {@code bench options}: the executor's option-chain replay against a tick replay of as many lines. */
    @Command(
            name = "options",
            mixinStandardHelpOptions = true,
            description = "Executor chain quotes/s against ticks/s.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--contracts", defaultValue = "100")
        int contracts;

        @Option(names = "--snapshot-sec", defaultValue = "5")
        int snapshotSec;

        @Option(names = "--session-sec", defaultValue = "3600")
        int sessionSec;

        @Option(names = "--work", defaultValue = "target/bench-work")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            scratch(
                    work,
                    dir -> OptionsBench.run(dir, contracts, snapshotSec, Math.max(600, sessionSec / 10))); // warm-up
            OptionsBench.Result r = scratch(work, dir -> OptionsBench.run(dir, contracts, snapshotSec, sessionSec));
            out.println(row(
                    "chain lines",
                    "quotes/s",
                    "chain commits",
                    "tick lines/s",
                    "tick commits",
                    "ratio (per line)",
                    "journal lines"));
            out.println(row("---:", "---:", "---:", "---:", "---:", "---:", "---:"));
            out.println(row(
                    r.lines(),
                    r.quotesPerSecond(),
                    r.quoteCommits(),
                    r.ticksPerSecond(),
                    r.tickCommits(),
                    r.quotesPerSecond() / r.ticksPerSecond(),
                    r.journal()));
            return 0;
        }
    }

    /** {@code bench memory}: state bytes per symbol and symbols per 2 GB of heap. */
    @Command(name = "memory", mixinStandardHelpOptions = true, description = "Keyed state bytes per symbol.")
    static final class Memory implements Callable<Integer> {
        @Option(names = "--symbols", defaultValue = "500")
        int symbols;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = new PrintWriter(System.out, true);
            MemoryBench.Result r = MemoryBench.run(symbols);
            out.println(row(
                    "symbols",
                    "buckets per symbol",
                    "heap bytes per symbol",
                    "RocksDB bytes per symbol (serialized)",
                    "symbols in a 2 GB heap (70 % for state)"));
            out.println(row("---:", "---:", "---:", "---:", "---:"));
            out.println(row(
                    r.symbols(),
                    r.bucketsPerSymbol(),
                    String.format(Locale.ROOT, "%,d", r.heapBytesPerSymbol()),
                    String.format(Locale.ROOT, "%,d", r.rocksDbBytesPerSymbol()),
                    String.format(Locale.ROOT, "%,d", r.symbolsIn2GbHeap())));
            return 0;
        }
    }
}
