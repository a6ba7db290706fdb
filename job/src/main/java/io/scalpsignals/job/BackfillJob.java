package io.scalpsignals.job;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.sinks.JsonLinesFileSink;
import io.scalpsignals.sinks.source.PerSymbolWatermarks;
import io.scalpsignals.udf.SplitDeadLetters;
import io.scalpsignals.udf.SymbolFeaturesFunction;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.signals.Candidate;
import io.scalpsignals.udf.signals.MatchToCandidate;
import io.scalpsignals.udf.signals.Patterns;
import io.scalpsignals.udf.signals.SignalGate;
import io.scalpsignals.udf.signals.SymbolTick;
import io.scalpsignals.udf.signals.TickTimestamps;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The backfill pipeline (SPEC.md §8): trade records in; features, bars, signals, blocked
 * candidates, dead letters and late ticks out as JSON lines under one directory. It only wires;
 * the logic is in {@code udf/}.
 *
 * <pre>
 * tick files (1) → split dead letters (1) → keyBy symbol → features, bars, plain triggers (P)
 *   ├ dead-letter.jsonl        ├ features.jsonl, bars.jsonl, late.jsonl
 *   │                          ├ momentum_burst, mean_reversion candidates ─────────┐
 *   │                          ├ vwap feed → CEP vwap_rejection long, short ─────────┤
 *   │                          └ breakout feed → CEP breakout long, short ───────────┤
 *   │                                                  keyBy symbol → gate (P) ←─────┘
 *   │                                                    ├ signals.jsonl └ blocked.jsonl
 * </pre>
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
            Source<ReadResult, ?, ?> source,
            Path outDir,
            Set<Output> outputs,
            StrategyConfig config,
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

        SingleOutputStreamOperator<Tick> ticks =
                env.fromSource(source, PerSymbolWatermarks.strategy(), "tick files")
                        .uid("tick-files")
                        .setParallelism(1)
                        .process(new SplitDeadLetters())
                        .name("split dead letters")
                        .uid("split-dead-letters")
                        .setParallelism(1);

        SingleOutputStreamOperator<SymbolTick> symbolTicks =
                ticks.keyBy(Tick::symbol, Types.STRING)
                        .process(new SymbolFeaturesFunction(config))
                        .name("features, bars, plain triggers")
                        .uid("features-and-bars");

        KeyedStream<SymbolTick, String> vwapFeed = feed(symbolTicks, SymbolFeaturesFunction.VWAP_FEED);
        KeyedStream<SymbolTick, String> breakoutFeed = feed(symbolTicks, SymbolFeaturesFunction.BREAKOUT_FEED);
        DataStream<Candidate> candidates =
                symbolTicks.getSideOutput(SymbolFeaturesFunction.CANDIDATES)
                        .union(
                                match(vwapFeed, Trigger.VWAP_REJECTION, Action.OPEN_LONG),
                                match(vwapFeed, Trigger.VWAP_REJECTION, Action.OPEN_SHORT),
                                match(breakoutFeed, Trigger.BREAKOUT, Action.OPEN_LONG),
                                match(breakoutFeed, Trigger.BREAKOUT, Action.OPEN_SHORT));

        SingleOutputStreamOperator<Signal> signals =
                candidates.keyBy(Candidate::symbol, Types.STRING)
                        .process(new SignalGate(config))
                        .name("gate")
                        .uid("gate");

        write(ticks.getSideOutput(SplitDeadLetters.DEAD_LETTERS), Output.DEAD_LETTER, JsonLines.DEAD_LETTER);
        write(
                symbolTicks.map(SymbolTick::features).name("feature records").uid("feature-records"),
                Output.FEATURES,
                JsonLines.FEATURES);
        write(symbolTicks.getSideOutput(SymbolFeaturesFunction.BARS), Output.BARS, JsonLines.BAR);
        write(symbolTicks.getSideOutput(SymbolFeaturesFunction.LATE), Output.LATE, JsonLines.LATE_TICK);
        write(signals, Output.SIGNALS, JsonLines.signal(System::currentTimeMillis));
        write(signals.getSideOutput(SignalGate.BLOCKED), Output.BLOCKED, JsonLines.BLOCKED);
    }

    /** A pattern feed with each tick's own {@code ts} as its timestamp, keyed by symbol. */
    private static KeyedStream<SymbolTick, String> feed(
            SingleOutputStreamOperator<SymbolTick> symbolTicks, OutputTag<SymbolTick> tag) {
        return symbolTicks.getSideOutput(tag)
                .transform(tag.getId() + " timestamps", TypeInformation.of(SymbolTick.class), new TickTimestamps())
                .uid(tag.getId() + "-timestamps")
                .keyBy(t -> t.features().symbol(), Types.STRING);
    }

    /** One CEP pattern over its feed; its matches as candidates. */
    private DataStream<Candidate> match(KeyedStream<SymbolTick, String> feed, Trigger trigger, Action action) {
        String name = trigger.wireName() + " " + (action == Action.OPEN_LONG ? "long" : "short");
        Pattern<SymbolTick, SymbolTick> pattern =
                trigger == Trigger.VWAP_REJECTION
                        ? Patterns.vwapRejection(action, config)
                        : Patterns.breakout(action, config);
        return CEP.pattern(feed, pattern)
                .process(new MatchToCandidate(trigger, action), TypeInformation.of(Candidate.class))
                .name("CEP " + name)
                .uid("cep-" + name.replace(' ', '-'));
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
