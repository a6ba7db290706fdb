package io.scalpsignals.bench;

import io.scalpsignals.model.Tick;

import org.apache.flink.util.FileUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bin/bench}: the benchmarks of BENCHMARKS.md. Every figure is printed as a markdown row
 * with its ratio against a baseline measured in the same run (the floor, unless stated).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: throughput, latency and memory against the floor and peers.",
        subcommands = {
            GenerateCommand.class,
            QuoteCommand.class,
            BackfillCommand.class,
            PeersCommand.class,
            LiveCommand.class,
            ExecutorLiveCommand.class,
            ExecutorCommand.class,
            OptionsCommand.class,
            MemoryCommand.class
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
}
