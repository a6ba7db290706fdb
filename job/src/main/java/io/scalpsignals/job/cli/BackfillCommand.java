package io.scalpsignals.job.cli;

import io.scalpsignals.job.BackfillJob;
import io.scalpsignals.job.Output;
import io.scalpsignals.job.RunSummary;
import io.scalpsignals.job.config.ConfigFile;
import io.scalpsignals.marketdata.kafka.KafkaOptions;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;
import io.scalpsignals.model.read.TickValidator;
import io.scalpsignals.sinks.kafka.KafkaTickSource;
import io.scalpsignals.sinks.source.InputFile;
import io.scalpsignals.sinks.source.TickFileSource;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code scalp backfill}: trade files through the job, outputs as JSON lines. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description =
                "Runs the job embedded over trade files (or a Kafka topic between two times) and writes DIR/*.jsonl.")
public final class BackfillCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            paramLabel = "FILE",
            description = "A trade file (repeatable; several are merged by ts).")
    List<Path> inputs;

    @Option(
            names = "--kafka-topic",
            paramLabel = "TOPIC",
            description = "Read the ticks from this topic instead, between --from and --to.")
    String kafkaTopic;

    @Option(
            names = "--from",
            paramLabel = "TS",
            description = "With --kafka-topic: first record timestamp, epoch ms or ISO-8601 (inclusive).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TS",
            description = "With --kafka-topic: end record timestamp, epoch ms or ISO-8601 (exclusive).")
    String to;

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description =
                    "auto, csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--symbol",
            description = "Symbol of records that carry none (bitstamp: BTCUSD; freqtrade: from the file name).")
    String symbol;

    @Mixin
    StrategyOptions strategyOptions;

    @Option(
            names = "--outputs",
            defaultValue = "features,bars,signals,blocked,dead-letter,late",
            paramLabel = "LIST",
            description = "Outputs to write (default: ${DEFAULT-VALUE}).")
    String outputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of the keyed operators (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "heap",
            paramLabel = "heap|rocksdb",
            description =
                    "Where the keyed state lives: heap (default: fastest, about 90 KB per symbol at full history) "
                            + "or rocksdb (local disk under java.io.tmpdir: more symbols than the heap holds).")
    String stateBackend;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if ((inputs == null) == (kafkaTopic == null)) {
            throw new CommandLine.ParameterException(
                    cli, "name the ticks with either --input FILE or --kafka-topic TOPIC");
        }
        RunSummary summary;
        if (kafkaTopic != null) {
            summary = runFromKafka(cli);
        } else {
            summary = run(
                    validate(cli, inputs, format, symbol, strategyOptions, outputs, parallelism, stateBackend), out);
        }
        cli.getOut().print(summary.format());
        cli.getOut().flush();
        return 0;
    }

    private RunSummary runFromKafka(CommandLine cli) throws Exception {
        StrategyConfig strategy;
        Set<Output> outputSet;
        Properties properties;
        Configuration flinkOptions;
        long fromMs;
        long toMs;
        try {
            if (from == null || to == null) {
                throw new IllegalArgumentException("--kafka-topic needs --from and --to");
            }
            fromMs = timestamp("--from", from);
            toMs = timestamp("--to", to);
            if (toMs <= fromMs) {
                throw new IllegalArgumentException("--to: must be after --from");
            }
            strategy = strategyOptions.strategy();
            outputSet = Output.parseList(outputs);
            properties = kafka.properties();
            flinkOptions = stateBackendOptions(stateBackend);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        LOG.info(
                "backfill of {} [{}, {}) from {} into {}, configuration {}",
                kafkaTopic,
                from,
                to,
                kafka.describe(),
                out,
                ConfigFile.describe(strategy));
        long start = System.nanoTime();
        JobExecutionResult result = new BackfillJob(
                        KafkaTickSource.between(properties, kafkaTopic, fromMs, toMs),
                        out,
                        outputSet,
                        strategy,
                        parallelism)
                .execute(flinkOptions);
        return RunSummary.of(result, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The Flink options of {@code --state-backend}: {@code heap} is Flink's {@code hashmap}
     * backend (also accepted by that name), {@code rocksdb} the embedded RocksDB one.
     *
     * @throws IllegalArgumentException naming the option when the value is neither
     */
    static Configuration stateBackendOptions(String name) {
        String backend = switch (name) {
            case "heap", "hashmap" -> "hashmap";
            case "rocksdb" -> "rocksdb";
            default ->
                throw new IllegalArgumentException("--state-backend: must be heap or rocksdb, got '" + name + "'");
        };
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        return conf;
    }

    /** Epoch ms, or an ISO-8601 instant ({@code 2020-02-22T00:00:00Z}) or date-time (UTC). */
    static long timestamp(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notMillis) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(option + ": must be epoch ms or ISO-8601, got '" + value + "'");
                }
            }
        }
    }

    /** A checked backfill: what to read, with which windows, writing what, with which Flink options (the state backend). */
    record Backfill(
            List<InputFile> files,
            StrategyConfig config,
            Set<Output> outputs,
            int parallelism,
            Configuration flinkOptions) {}

    /**
     * Checks every option before anything runs, so a mistake costs one line and exit code 2.
     *
     * @throws CommandLine.ParameterException naming the option and the reason
     */
    static Backfill validate(
            CommandLine cli,
            List<Path> inputs,
            String formatName,
            String symbol,
            StrategyOptions strategy,
            String outputList,
            int parallelism,
            String stateBackend) {
        try {
            TickFormat format = TickFormat.parse(formatName);
            if (symbol != null && !TickValidator.isValidSymbol(symbol)) {
                throw new IllegalArgumentException("--symbol: must match [A-Za-z0-9._:/-]{1,32}, got '" + symbol + "'");
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("--parallelism: must be >= 1, got " + parallelism);
            }
            Configuration flinkOptions = stateBackendOptions(stateBackend);
            StrategyConfig config = strategy.strategy();
            Set<Output> outputs = Output.parseList(outputList);
            List<InputFile> files = new ArrayList<>();
            for (Path p : inputs) {
                if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                    throw new IllegalArgumentException("--input: no readable file " + p);
                }
                checkHeader(p, format, symbol);
                files.add(new InputFile(p.toAbsolutePath().toString(), format, symbol));
            }
            return new Backfill(files, config, outputs, parallelism, flinkOptions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }

    /** Opens the file to detect its format and check its header (fail fast, not mid-job). */
    private static void checkHeader(Path p, TickFormat format, String symbol) {
        try (InputStream in = Files.newInputStream(p);
                TickReader reader = TickReader.open(in, p.toString(), format, symbol)) {
            LOG.debug("{} opened as {}", p, format);
        } catch (IOException e) {
            throw new IllegalArgumentException("--input: cannot read " + p + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--input: " + e.getMessage());
        }
    }

    static RunSummary run(Backfill plan, Path out) throws Exception {
        LOG.info(
                "backfill of {} file(s) into {}, outputs {}, parallelism {}, state backend {}, configuration {}",
                plan.files().size(),
                out,
                plan.outputs(),
                plan.parallelism(),
                plan.flinkOptions().get(StateBackendOptions.STATE_BACKEND),
                ConfigFile.describe(plan.config()));
        long start = System.nanoTime();
        JobExecutionResult result = new BackfillJob(
                        new TickFileSource(plan.files()), out, plan.outputs(), plan.config(), plan.parallelism())
                .execute(plan.flinkOptions());
        return RunSummary.of(result, (System.nanoTime() - start) / 1_000_000);
    }
}
