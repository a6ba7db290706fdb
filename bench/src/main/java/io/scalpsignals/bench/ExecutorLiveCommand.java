package io.scalpsignals.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench executor-live}: {@code executor run}'s loop on a real broker, its consumer lag at each feed rate. */
@Command(
        name = "executor-live",
        mixinStandardHelpOptions = true,
        description = "Executor run on Kafka: consumer lag at a feed rate.")
final class ExecutorLiveCommand implements Callable<Integer> {
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
        out.println(
                BenchCli.row("ticks/s target", "sent/s", "ticks", "max lag (ticks)", "max lag (s of feed)", "drain s"));
        out.println(BenchCli.row("---:", "---:", "---:", "---:", "---:", "---:"));
        for (int rate : rates) {
            ExecutorLiveBench.Result r =
                    BenchCli.scratch(work, dir -> ExecutorLiveBench.run(dir, rate, symbols, seconds));
            out.println(BenchCli.row(
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
