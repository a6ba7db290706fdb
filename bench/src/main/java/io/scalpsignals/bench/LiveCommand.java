package io.scalpsignals.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench live}: tick→gate latency through Kafka at several rates and symbol counts. */
@Command(name = "live", mixinStandardHelpOptions = true, description = "Tick→gate latency through a real broker.")
final class LiveCommand implements Callable<Integer> {
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

    @Option(names = "--job-arg", description = "surge: an argument added to scalp run's (repeat; none: its defaults).")
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
            throw new CommandLine.ParameterException(spec.commandLine(), "--market: synthetic or surge, got " + market);
        }
        int warmup = this.warmup == null ? 125 : this.warmup;
        int[] symbols = this.symbols == null ? new int[] {50, 2000} : this.symbols;
        PrintWriter out = new PrintWriter(System.out, true);
        LiveLatencyBench.Settings settings =
                new LiveLatencyBench.Settings(parallelism, bufferTimeoutMs, lingerMs, features);
        out.println("parallelism " + parallelism + ", buffer timeout " + bufferTimeoutMs + " ms, linger " + lingerMs
                + " ms, feature records " + (features ? "written" : "not written"));
        out.println(BenchCli.row(
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
        out.println(BenchCli.row(
                "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:",
                "---:"));
        for (int n : symbols) {
            for (int rate : rates) {
                LiveLatencyBench.Result r = BenchCli.scratch(
                        work, dir -> LiveLatencyBench.run(dir, rate, n, warmup, seconds, settings, bootstrap));
                out.println(BenchCli.row(
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
            SurgeBench.Result r = BenchCli.scratch(work, dir -> SurgeBench.run(setup, rate, dir));
            out.println(SurgeBench.row(state, rate, r));
            System.err.println(
                    "slowest gate records at " + rate + " ticks/s (due after the first live tick): " + r.slowest());
        }
        return 0;
    }
}
