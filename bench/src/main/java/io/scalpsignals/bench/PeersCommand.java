package io.scalpsignals.bench;

import io.scalpsignals.model.Tick;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench peers}: ta4j's bar indicators and a Flink SQL window query against the floor. */
@Command(
        name = "peers",
        mixinStandardHelpOptions = true,
        description = "Floor vs ta4j and Flink SQL on the same trades.")
final class PeersCommand implements Callable<Integer> {
    @Option(names = "--input", required = true)
    Path input;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        List<Tick> ticks = PeerBench.load(input);
        out.println(BenchCli.row("run", "ticks/s", "× floor"));
        out.println(BenchCli.row("---", "---:", "---:"));
        Floor.Result f = BenchCli.floor(ticks, out);
        PeerBench.ta4j(ticks);
        PeerBench.Result ta4j = PeerBench.ta4j(ticks);
        out.println(BenchCli.row(
                ta4j.name(),
                String.format(Locale.ROOT, "%,.0f", ta4j.ticksPerSecond()),
                String.format(Locale.ROOT, "%.2f", ta4j.ticksPerSecond() / f.ticksPerSecond())));
        int n = ticks.size();
        ticks = null;
        PeerBench.flinkSql(input, n, 1);
        for (int p : new int[] {1, 2}) {
            PeerBench.Result sql = PeerBench.flinkSql(input, n, p);
            out.println(BenchCli.row(
                    sql.name(),
                    String.format(Locale.ROOT, "%,.0f", sql.ticksPerSecond()),
                    String.format(Locale.ROOT, "%.2f", sql.ticksPerSecond() / f.ticksPerSecond())));
        }
        return 0;
    }
}
