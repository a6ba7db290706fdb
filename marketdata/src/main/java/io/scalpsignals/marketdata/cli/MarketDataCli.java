package io.scalpsignals.marketdata.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/scalp ingest} and {@code bin/scalp download} on a class path without Flink (the
 * runnable {@code scalp-marketdata-all.jar}). The same commands are listed by {@code bin/scalp
 * --help}; usage errors print one line and exit with 2, a failed run exits with 1.
 */
@Command(
        name = "scalp",
        mixinStandardHelpOptions = true,
        description = "Market data in: venue streams into Kafka, daily archives to files.",
        subcommands = {DownloadCommand.class, IngestCommand.class})
public final class MarketDataCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code ({@link ScalpCommandLine}). */
    public static int run(String... args) {
        return ScalpCommandLine.run(new MarketDataCli(), args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: download or ingest");
    }
}
