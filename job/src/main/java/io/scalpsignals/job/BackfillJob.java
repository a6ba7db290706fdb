package io.scalpsignals.job;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.sinks.JsonLinesFileSink;
import io.scalpsignals.udf.SplitDeadLetters;
import io.scalpsignals.udf.SymbolFeaturesFunction;
import io.scalpsignals.udf.features.FeatureConfig;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The backfill pipeline (SPEC.md §8): trade records in, per-tick features, bars, dead letters
 * and late ticks out as JSON lines under one directory. It only wires; the logic is in {@code
 * udf/}.
 *
 * <pre>
 * tick files (1) → split dead letters (1) → keyBy symbol → features and bars (P)
 *                     └ dead-letter.jsonl         ├ features.jsonl ├ bars.jsonl └ late.jsonl
 * </pre>
 *
 * <pre>{@code
 * JobExecutionResult r = new BackfillJob(source, Path.of("out"), EnumSet.allOf(Output.class),
 *         FeatureConfig.defaults(), 2).execute();
 * }</pre>
 */
public final class BackfillJob {

    private final Source<ReadResult, ?, ?> source;
    private final Path outDir;
    private final Set<Output> outputs;
    private final FeatureConfig config;
    private final int parallelism;

    /**
     * @param source a bounded source of read records (ticks and dead letters)
     * @param outDir the output directory, created if missing
     * @param outputs which files to write; the others are not written
     * @param config the feature windows
     * @param parallelism parallelism of the keyed operators (the reading and the file writing
     *     run with parallelism 1, which keeps every output one file in event order per symbol)
     */
    public BackfillJob(
            Source<ReadResult, ?, ?> source,
            Path outDir,
            Set<Output> outputs,
            FeatureConfig config,
            int parallelism) {
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
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        build(env);
        return env.execute("scalp backfill");
    }

    /** Adds the pipeline to {@code env}. */
    public void build(StreamExecutionEnvironment env) throws IOException {
        Files.createDirectories(outDir);
        for (Output o : new Output[] {Output.SIGNALS, Output.BLOCKED}) {
            if (outputs.contains(o)) {
                // Signals and the gate come with the signals issue; the files exist already so
                // that consumers of the output directory see its full shape.
                Files.write(outDir.resolve(o.fileName() + ".jsonl"), new byte[0]);
            }
        }

        SingleOutputStreamOperator<Tick> ticks =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "tick files")
                        .uid("tick-files")
                        .setParallelism(1)
                        .process(new SplitDeadLetters())
                        .name("split dead letters")
                        .uid("split-dead-letters")
                        .setParallelism(1);

        SingleOutputStreamOperator<TickFeatures> features =
                ticks.keyBy(Tick::symbol, Types.STRING)
                        .process(new SymbolFeaturesFunction(config))
                        .name("features and bars")
                        .uid("features-and-bars");

        write(ticks.getSideOutput(SplitDeadLetters.DEAD_LETTERS), Output.DEAD_LETTER, JsonLines.DEAD_LETTER);
        write(features, Output.FEATURES, JsonLines.FEATURES);
        write(features.getSideOutput(SymbolFeaturesFunction.BARS), Output.BARS, JsonLines.BAR);
        write(features.getSideOutput(SymbolFeaturesFunction.LATE), Output.LATE, JsonLines.LATE_TICK);
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
