package io.scalpsignals.marketdata.cli;

import io.scalpsignals.marketdata.ArchiveDownloader;
import io.scalpsignals.marketdata.Venue;
import io.scalpsignals.model.read.TickValidator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code scalp download}: a venue's public daily trade archives of one symbol, a day at a time,
 * into a directory that {@code scalp backfill --input} reads as it is ({@code --format bybit} /
 * {@code binance-aggtrades}, or {@code auto}). See {@link ArchiveDownloader} for resuming,
 * verification and retries. Exit code 0 when every day is there or missing at the source, 1 when
 * a day stayed corrupt or could not be fetched.
 */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        description = "Downloads a venue's public daily trade archives (resumable, verified) for scalp backfill.")
public final class DownloadCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--venue",
            required = true,
            paramLabel = "bybit|binance",
            description = "Bybit (linear) or Binance (USD-M futures aggTrades).")
    String venue;

    @Option(
            names = "--symbol",
            required = true,
            paramLabel = "SYMBOL",
            description = "As the venue writes it, e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, yyyy-MM-dd (UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, yyyy-MM-dd (inclusive).")
    String to;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where the archives go (days already there are skipped).")
    Path out;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "The archives' base URL (default: the venue's, e.g. https://public.bybit.com).")
    String baseUrl;

    @Option(
            names = "--retries",
            defaultValue = "5",
            paramLabel = "N",
            description = "Attempts after the first per request (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(
            names = "--read-timeout-sec",
            defaultValue = "60",
            paramLabel = "S",
            description = "Give up on an answer that sends nothing for this long and resume it with Range"
                    + " (default: ${DEFAULT-VALUE}).")
    int readTimeoutSec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        Venue v;
        LocalDate first;
        LocalDate last;
        try {
            v = Venue.parse(venue);
            if (!TickValidator.isValidSymbol(symbol)) {
                throw new IllegalArgumentException("--symbol: must match [A-Za-z0-9._:/-]{1,32}, got '" + symbol + "'");
            }
            first = date("--from", from);
            last = date("--to", to);
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("--to: must not be before --from");
            }
            if (retries < 0) {
                throw new IllegalArgumentException("--retries: must be >= 0, got " + retries);
            }
            if (readTimeoutSec < 1) {
                throw new IllegalArgumentException("--read-timeout-sec: must be >= 1, got " + readTimeoutSec);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        PrintWriter err = cli.getErr();
        Map<ArchiveDownloader.Outcome, Integer> counts = new EnumMap<>(ArchiveDownloader.Outcome.class);
        int failed = 0;
        try (ArchiveDownloader downloader = new ArchiveDownloader(
                v,
                baseUrl != null ? baseUrl : v.archiveUrl(),
                out,
                line -> {
                    err.println("download: " + line);
                    err.flush();
                },
                retries,
                Duration.ofSeconds(1),
                Duration.ofSeconds(readTimeoutSec))) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                try {
                    counts.merge(downloader.day(symbol, day), 1, Integer::sum);
                } catch (IOException e) {
                    failed++;
                    err.println(
                            "download: " + v.optionName() + " " + symbol + " " + day + ": failed: " + e.getMessage());
                }
            }
        }
        PrintWriter o = cli.getOut();
        o.printf(
                "%d days: %d downloaded, %d already complete, %d missing at the source, %d corrupt, %d failed; files in %s%n",
                first.datesUntil(last.plusDays(1)).count(),
                counts.getOrDefault(ArchiveDownloader.Outcome.DOWNLOADED, 0),
                counts.getOrDefault(ArchiveDownloader.Outcome.COMPLETE, 0),
                counts.getOrDefault(ArchiveDownloader.Outcome.MISSING, 0),
                counts.getOrDefault(ArchiveDownloader.Outcome.CORRUPT, 0),
                failed,
                out.toAbsolutePath());
        o.flush();
        return counts.getOrDefault(ArchiveDownloader.Outcome.CORRUPT, 0) + failed == 0 ? 0 : 1;
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": must be a date yyyy-MM-dd, got '" + value + "'");
        }
    }
}
