package io.scalpsignals.bench;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;
import io.scalpsignals.testing.SeededBook;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench quote}: a trade file with a seeded top of book ({@link SeededBook}), as csv. */
@Command(
        name = "quote",
        mixinStandardHelpOptions = true,
        description = "Writes a trade file's valid ticks with a seeded top of book (bid, ask and their sizes) as csv.")
final class QuoteCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "A trade file in any format backfill reads.")
    Path input;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "As backfill's --format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--symbol", description = "The symbol of formats without one (bitstamp, freqtrade).")
    String symbol;

    @Option(names = "--seed", defaultValue = "3")
    long seed;

    @Option(names = "--out", required = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        SeededBook book = new SeededBook(seed);
        long written = 0;
        try (InputStream in = Files.newInputStream(input);
                TickReader reader = TickReader.open(in, input.toString(), TickFormat.parse(format), symbol);
                BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write(SeededBook.CSV_HEADER + "\n");
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                if (r.isAccepted()) {
                    w.write(SeededBook.csvLine(book.quote(r.tick())));
                    written++;
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "bench: %,d ticks with a seeded book (seed %d) in %s (%,d bytes)%n",
                written,
                seed,
                out,
                Files.size(out));
        return 0;
    }
}
