package io.scalpsignals.report;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The report step of {@code bin/scalp backtest}: reads a backtest directory ({@link Backtest}),
 * prints the summary and writes {@code report.html} with its charts. A directory without a
 * journal is a usage error (exit 2).
 */
@Command(
        name = "scalp-report",
        mixinStandardHelpOptions = true,
        description = "Writes DIR/report.html and prints the summary.")
public final class ReportCli implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "DIR",
            description = "The backtest directory: journal.jsonl in, report.html out.")
    Path dir;

    @Option(
            names = "--outputs",
            paramLabel = "DIR",
            description = "The job's outputs: signals.jsonl, blocked.jsonl, features.jsonl (default: DIR/backfill).")
    Path outputs;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cli = new CommandLine(new ReportCli());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("report: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve("journal.jsonl"))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dir: no journal.jsonl in " + dir);
        }
        Backtest b = Backtest.load(dir, outputs != null ? outputs : dir.resolve("backfill"));
        Path report = HtmlReport.write(b);
        spec.commandLine().getOut().print(Summary.of(b).format());
        spec.commandLine().getOut().println("report            " + report.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
