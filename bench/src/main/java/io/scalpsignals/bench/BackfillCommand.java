package io.scalpsignals.bench;

import io.scalpsignals.job.Output;
import io.scalpsignals.model.Tick;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench backfill}: the floor, then the backfill with heap and RocksDB state at parallelism 1 and 2. */
@Command(name = "backfill", mixinStandardHelpOptions = true, description = "Floor vs backfill (heap, RocksDB; p1, p2).")
final class BackfillCommand implements Callable<Integer> {
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
        out.println(BenchCli.row("run", "ticks/s", "× floor"));
        out.println(BenchCli.row("---", "---:", "---:"));
        Floor.Result f = BenchCli.floor(ticks, out);
        ticks = null;
        BackfillBench.run(input, backends.get(0), 1, set, work); // warm-up
        for (String backend : backends) {
            for (int p : parallelism) {
                BackfillBench.Result r = BenchCli.median(repeat, () -> BackfillBench.run(input, backend, p, set, work));
                out.println(BenchCli.row(
                        "backfill " + backend + " p" + p + " → " + (outputs.equals("all") ? "all outputs" : outputs)
                                + " (" + String.format(Locale.ROOT, "%,d", r.signals()) + " signals)",
                        String.format(Locale.ROOT, "%,.0f", r.ticksPerSecond()),
                        String.format(Locale.ROOT, "%.2f", r.ticksPerSecond() / f.ticksPerSecond())));
            }
        }
        return 0;
    }
}
