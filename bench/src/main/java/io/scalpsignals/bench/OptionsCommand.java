package io.scalpsignals.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code bench options}: the executor's option-chain replay against a tick replay of as many lines. */
@Command(name = "options", mixinStandardHelpOptions = true, description = "Executor chain quotes/s against ticks/s.")
final class OptionsCommand implements Callable<Integer> {
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
        BenchCli.scratch(
                work, dir -> OptionsBench.run(dir, contracts, snapshotSec, Math.max(600, sessionSec / 10))); // warm-up
        OptionsBench.Result r =
                BenchCli.scratch(work, dir -> OptionsBench.run(dir, contracts, snapshotSec, sessionSec));
        out.println(BenchCli.row(
                "chain lines",
                "quotes/s",
                "chain commits",
                "tick lines/s",
                "tick commits",
                "ratio (per line)",
                "journal lines"));
        out.println(BenchCli.row("---:", "---:", "---:", "---:", "---:", "---:", "---:"));
        out.println(BenchCli.row(
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
