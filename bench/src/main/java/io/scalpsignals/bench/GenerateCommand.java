package io.scalpsignals.bench;

import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SurgeMarket;
import io.scalpsignals.testing.SyntheticTicks;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code bench generate}: writes the synthetic ticks as csv. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Writes seeded synthetic ticks as csv.")
final class GenerateCommand implements Callable<Integer> {
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
            throw new CommandLine.ParameterException(spec.commandLine(), "--market: synthetic or surge, got " + market);
        }
        System.out.printf(
                Locale.ROOT, "bench: %s market, %d symbols in %s (%,d bytes)%n", market, symbols, out, Files.size(out));
        return 0;
    }
}
