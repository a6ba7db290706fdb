package io.scalpsignals.job;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.SplitDeadLetters;
import io.scalpsignals.udf.SymbolSignalsFunction;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.serde.RecordTypeInfo;
import io.scalpsignals.udf.signals.ReadTick;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The signal graph shared by the backfill and the live job (SPEC.md §1–§6); the callers attach
 * the sources and sinks. Two operators and one shuffle: the records are split into ticks and dead
 * letters where they are read, then keyed by symbol into {@link SymbolSignalsFunction}, which
 * does all of a symbol's work at each tick (features, bars, triggers, CEP, gate) and emits every
 * output of the tick while processing it. Nothing waits for a watermark. Every operator is named
 * and has a stable {@code uid}.
 *
 * <pre>
 * records → split dead letters → keyBy symbol → per symbol: features, bars, triggers, CEP, gate
 *   └ dead letters                               ├ signals
 *                                                └ features, bars, late ticks, blocked candidates
 * </pre>
 */
public final class SignalPipeline {

    /** The graph's outputs. */
    public record Outputs(
            DataStream<DeadLetter> deadLetters,
            DataStream<TickFeatures> features,
            DataStream<Bar> bars,
            DataStream<LateTick> late,
            DataStream<Signal> signals,
            DataStream<BlockedSignal> blocked) {}

    /**
     * The settings every job built on this graph needs: no Kryo fallback ({@code
     * pipeline.generic-types} false), and {@code pipeline.object-reuse}, so chained operators
     * hand records on without a serializer copy. Reuse is safe here because every record type is
     * an immutable Java record and no function changes its input or keeps it beyond the call
     * (the CEP patterns keep the ticks they buffer, which are created for them).
     */
    public static void configure(Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
    }

    private SignalPipeline() {}

    /**
     * @param records read records with their ticks' {@code ts} as timestamps ({@code
     *     EventTimestamps}); no watermarks are needed but the final one of a bounded input, which
     *     closes every symbol's last bar
     * @param config the validated strategy configuration
     * @param features whether the feature records are used ({@link Outputs#features()} is empty
     *     otherwise)
     * @param bars whether the closed bars are used (likewise)
     */
    public static Outputs build(DataStream<ReadResult> records, StrategyConfig config, boolean features, boolean bars) {
        SingleOutputStreamOperator<ReadTick> ticks = records.process(new SplitDeadLetters(), RecordTypeInfo.READ_TICK)
                .name("split dead letters")
                .uid("split-dead-letters")
                .setParallelism(records.getParallelism());

        SingleOutputStreamOperator<Signal> signals = ticks.keyBy(ReadTick::symbol, Types.STRING)
                .process(new SymbolSignalsFunction(config, features, bars))
                .name("per symbol: features, bars, triggers, CEP, gate")
                .uid("symbol-signals");

        return new Outputs(
                ticks.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                signals.getSideOutput(SymbolSignalsFunction.FEATURES),
                signals.getSideOutput(SymbolSignalsFunction.BARS),
                signals.getSideOutput(SymbolSignalsFunction.LATE),
                signals,
                signals.getSideOutput(SymbolSignalsFunction.BLOCKED));
    }
}
