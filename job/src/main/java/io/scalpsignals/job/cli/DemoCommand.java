package io.scalpsignals.job.cli;

import io.scalpsignals.job.RunSummary;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code scalp demo}: the bundled real trades (100,000 Bitstamp BTC/USD trades of 2013-11-25 to
 * 12-01, from {@code org.ta4j:ta4j-examples:0.15} on Maven Central) through the backfill.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Backfills the bundled real Bitstamp trades into out/demo and prints a summary.")
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            defaultValue = "job/target/demo-data/bitstamp_trades_from_20131125_usd.csv",
            description = "The demo trades (default: ${DEFAULT-VALUE}, unpacked by the build).")
    Path data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "out/demo",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BackfillCommand.Backfill plan = BackfillCommand.validate(
                spec.commandLine(),
                List.of(data),
                "bitstamp",
                "BTCUSD",
                new StrategyOptions(),
                "features,bars,signals,blocked,dead-letter,late",
                2,
                "heap");
        RunSummary summary = BackfillCommand.run(plan, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("scalp demo: Bitstamp BTC/USD trades, 2013-11-25 to 2013-12-01 (" + data + ")");
        o.print(summary.format());
        o.println("outputs in " + out.toAbsolutePath()
                + ": features, bars, signals, blocked, dead-letter, late (.jsonl)");
        o.flush();
        return 0;
    }
}
