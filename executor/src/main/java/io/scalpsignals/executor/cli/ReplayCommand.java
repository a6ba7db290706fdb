package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code executor replay}: event-time clock over a signals file, a ticks file and (options) a chain file. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replays signals against ticks on an event-time clock.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--signals",
            required = true,
            paramLabel = "FILE",
            description = "Signals, one JSON object per line.")
    Path signals;

    @Option(
            names = "--ticks",
            paramLabel = "FILE",
            description = "Trades, any format of scalp backfill (optional with --chain).")
    Path ticks;

    @Option(
            names = "--chain",
            paramLabel = "FILE",
            description =
                    "Option-chain quotes, one JSON object per line: turns options scalping on (README: Options scalping).")
    Path chain;

    @Mixin
    OptionsSettings optionsSettings;

    @Mixin
    ExecSettings execSettings;

    @Mixin
    CalendarSettings calendarSettings;

    @Option(names = "--ticks-format", defaultValue = "auto", description = "Default: ${DEFAULT-VALUE}.")
    String ticksFormat;

    @Option(
            names = "--ticks-symbol",
            paramLabel = "SYMBOL",
            description = "Symbol of tick records that carry none (as scalp backfill --symbol).")
    String ticksSymbol;

    @Option(names = "--state-dir", required = true, paramLabel = "DIR", description = "Durable state; a rerun resumes.")
    Path stateDir;

    @Option(names = "--journal", required = true, paramLabel = "FILE", description = "The journal, JSON lines.")
    Path journal;

    @Option(
            names = "--latency-ms",
            defaultValue = "0",
            paramLabel = "MS",
            description = "How long a signal takes to reach the executor: a signal with ts T is decided at T + MS,"
                    + " after the ticks up to then (default: ${DEFAULT-VALUE}, at its own ts).")
    long latencyMs;

    @Option(
            names = "--settings-out",
            paramLabel = "FILE",
            description =
                    "Writes the settings the replay ran with (every --exec key, latency_ms) as JSON, for the report.")
    Path settingsOut;

    @Override
    public Integer call() throws IOException {
        CommandLine cli = spec.commandLine();
        TickFormat format;
        try {
            format = TickFormat.parse(ticksFormat);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--ticks-format: " + e.getMessage());
        }
        if (ticks == null && chain == null) {
            throw new CommandLine.ParameterException(cli, "--ticks is required (without --chain)");
        }
        for (Path p : new Path[] {signals, ticks, chain}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new CommandLine.ParameterException(cli, "no readable file " + p);
            }
        }
        OptionsConfig options = optionsSettings.resolve(cli, "--chain", chain);
        ExchangeCalendar calendar = calendarSettings.load(cli);
        if (ticks != null) {
            try (InputStream in = Files.newInputStream(ticks);
                    TickReader reader = TickReader.open(in, ticks.toString(), format, ticksSymbol)) {
                // the format is known and the header readable: fail here, not midway
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--ticks: " + e.getMessage());
            }
        }
        ExecutorConfig config = execSettings.resolve(cli);
        if (latencyMs < 0) {
            throw new CommandLine.ParameterException(cli, "--latency-ms: must be >= 0, got " + latencyMs);
        }
        if (settingsOut != null) {
            if (settingsOut.toAbsolutePath().getParent() != null) {
                Files.createDirectories(settingsOut.toAbsolutePath().getParent());
            }
            Files.writeString(settingsOut, config.describe(latencyMs));
        }
        try (StateStore store = ExecutorCli.openState(stateDir, cli);
                PaperBroker broker = new PaperBroker(
                        stateDir,
                        config.slippagePct(),
                        config.feePct(),
                        config.makerFeePct(),
                        (options != null ? options : OptionsConfig.defaults()).contractMultiplier())) {
            Engine engine = new Engine(store, broker, config, null, options, calendar);
            Replay.run(
                    engine,
                    new Replay.Inputs(signals, ticks, format, ticksSymbol, chain, latencyMs),
                    w -> cli.getErr().println("executor: skipped " + w));
            List<String> lines = store.journal();
            Files.write(
                    journal,
                    (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
