package io.scalpsignals.job;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.sinks.JsonLinesFileSink;
import io.scalpsignals.sinks.source.EventTimestamps;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The backfill (SPEC.md §8): trade records from a bounded source (files, or Kafka between two
 * timestamps) through the {@link SignalPipeline}; features, bars, signals, blocked candidates,
 * dead letters and late ticks out as JSON lines under one directory, each written by one sink so
 * that a symbol's lines keep their event order.
 *
 * <pre>{@code
 * JobExecutionResult r = new BackfillJob(source, Path.of("out"), EnumSet.allOf(Output.class),
 *         StrategyConfig.defaults(), 2).execute();
 * }</pre>
 */
public final class BackfillJob {

    private final Source<ReadResult, ?, ?> source;
    private final Path outDir;
    private final Set<Output> outputs;
    private final StrategyConfig config;
    private final int parallelism;

    /**
     * @param source a bounded source of read records (ticks and dead letters)
     * @param outDir the output directory, created if missing
     * @param outputs which files to write; the others are not written
     * @param config the validated strategy configuration
     * @param parallelism parallelism of the keyed operators (the reading and the file writing
     *     run with parallelism 1, which keeps every output one file in event order per symbol)
     */
    public BackfillJob(
            Source<ReadResult, ?, ?> source, Path outDir, Set<Output> outputs, StrategyConfig config, int parallelism) {
        this.source = source;
        this.outDir = outDir;
        this.outputs = Set.copyOf(outputs);
        this.config = config;
        this.parallelism = parallelism;
    }

    /**
     * Runs the job to the end of its input, embedded in this JVM or on the cluster of the
     * calling context.
     *
     * @return the result, whose accumulators {@link RunSummary} reads
     */
    public JobExecutionResult execute() throws Exception {
        return execute(new Configuration());
    }

    /**
     * As {@link #execute()}, with further Flink options (e.g. {@code state.backend.type:
     * rocksdb}); the job's own settings (no Kryo, the parallelism) win.
     */
    public JobExecutionResult execute(Configuration options) throws Exception {
        Configuration conf = Loopback.bind(new Configuration(options));
        SignalPipeline.configure(conf);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env);
        return env.execute("scalp backfill");
    }

    /** Adds the pipeline to {@code env}. */
    public void build(StreamExecutionEnvironment env) throws IOException {
        Files.createDirectories(outDir);
        DataStream<ReadResult> records = env.fromSource(source, EventTimestamps.strategy(), "tick records")
                .uid("tick-records")
                .setParallelism(1);
        SignalPipeline.Outputs out =
                SignalPipeline.build(records, config, outputs.contains(Output.FEATURES), outputs.contains(Output.BARS));
        write(out.deadLetters(), Output.DEAD_LETTER, JsonLines.DEAD_LETTER);
        write(out.features(), Output.FEATURES, JsonLines.FEATURES);
        write(out.bars(), Output.BARS, JsonLines.BAR);
        write(out.late(), Output.LATE, JsonLines.LATE_TICK);
        write(out.signals(), Output.SIGNALS, JsonLines.signal(System::currentTimeMillis));
        write(out.blocked(), Output.BLOCKED, JsonLines.BLOCKED);
    }

    /** Writes {@code stream} to {@code DIR/<output>.jsonl} when that output is asked for. */
    private <T> void write(DataStream<T> stream, Output output, JsonLines.Writer<T> writer) {
        if (outputs.contains(output)) {
            stream.sinkTo(new JsonLinesFileSink<>(outDir, output.fileName(), writer))
                    .name(output.fileName() + ".jsonl")
                    .uid(output.fileName() + "-file")
                    .setParallelism(1);
        }
    }
}
