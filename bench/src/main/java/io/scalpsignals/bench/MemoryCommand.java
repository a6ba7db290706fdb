package io.scalpsignals.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench memory}: state bytes per symbol and symbols per 2 GB of heap. */
@Command(name = "memory", mixinStandardHelpOptions = true, description = "Keyed state bytes per symbol.")
final class MemoryCommand implements Callable<Integer> {
    @Option(names = "--symbols", defaultValue = "500")
    int symbols;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        MemoryBench.Result r = MemoryBench.run(symbols);
        out.println(BenchCli.row(
                "symbols",
                "buckets per symbol",
                "heap bytes per symbol",
                "RocksDB bytes per symbol (serialized)",
                "symbols in a 2 GB heap (70 % for state)"));
        out.println(BenchCli.row("---:", "---:", "---:", "---:", "---:"));
        out.println(BenchCli.row(
                r.symbols(),
                r.bucketsPerSymbol(),
                String.format(Locale.ROOT, "%,d", r.heapBytesPerSymbol()),
                String.format(Locale.ROOT, "%,d", r.rocksDbBytesPerSymbol()),
                String.format(Locale.ROOT, "%,d", r.symbolsIn2GbHeap())));
        return 0;
    }
}
