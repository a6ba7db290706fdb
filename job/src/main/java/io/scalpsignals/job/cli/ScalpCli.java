package io.scalpsignals.job.cli;

import io.scalpsignals.marketdata.cli.DownloadCommand;
import io.scalpsignals.marketdata.cli.IngestCommand;
import io.scalpsignals.marketdata.cli.ScalpCommandLine;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bin/scalp} command line (SPEC.md §8). Usage errors (an unknown option, a missing
 * file, an unknown format, a bad config value) print one line and exit with code 2; a failed
 * run exits with 1.
 */
@Command(
        name = "scalp",
        mixinStandardHelpOptions = true,
        description = "Tick-level scalping signals on Apache Flink.",
        subcommands = {
            BackfillCommand.class,
            BacktestCommand.class,
            DownloadCommand.class,
            IngestCommand.class,
            DemoCommand.class,
            RunCommand.class,
            SubmitCommand.class,
            StopCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class
        })
public final class ScalpCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code ({@link ScalpCommandLine}). */
    public static int run(String... args) {
        return ScalpCommandLine.run(new ScalpCli(), args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this),
                "name a command: demo, backfill, backtest, download, ingest, run, submit, stop, produce or consume (see --help)");
    }
}
