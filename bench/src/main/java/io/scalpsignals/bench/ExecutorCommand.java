package io.scalpsignals.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench executor}: intents per second and decision latency with the durable store. */
@Command(name = "executor", mixinStandardHelpOptions = true, description = "Executor intents/s and decision latency.")
final class ExecutorCommand implements Callable<Integer> {
    @Option(names = "--intents", defaultValue = "20000")
    int intents;

    @Option(names = "--symbols", defaultValue = "50")
    int symbols;

    @Option(names = "--work", defaultValue = "target/bench-work")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        BenchCli.scratch(work, dir -> ExecutorBench.run(dir, Math.max(1_000, intents / 10), symbols)); // warm-up
        ExecutorBench.Result r = BenchCli.scratch(work, dir -> ExecutorBench.run(dir, intents, symbols));
        out.println(BenchCli.row("intents", "intents/s (whole loop)", "decision p50 µs", "p99 µs", "p99.9 µs"));
        out.println(BenchCli.row("---:", "---:", "---:", "---:", "---:"));
        out.println(BenchCli.row(r.intents(), r.intentsPerSecond(), r.p50Micros(), r.p99Micros(), r.p999Micros()));
        return 0;
    }
}
