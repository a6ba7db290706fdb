package io.scalpsignals.job;

import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.sinks.source.EventTimestamps;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The streaming job of {@code scalp run}: ticks from a source (Kafka in production) through the
 * {@link SignalPipeline}, signals, blocked candidates and dead letters (and optionally the
 * feature records) to sinks. Checkpointed, RocksDB state by default.
 *
 * <pre>{@code
 * new LiveJob(kafkaTicks, sinks, StrategyConfig.defaults(), LiveOptions.defaults()).executeAsync();
 * }</pre>
 */
public final class LiveJob {

    /** Where the outputs go. {@code features} is optional. */
    public record Sinks(
            Sink<Signal> signals,
            Sink<BlockedSignal> blocked,
            Sink<DeadLetter> deadLetters,
            @Nullable Sink<TickFeatures> features) {}

    private final Source<ReadResult, ?, ?> source;
    private final Sinks sinks;
    private final StrategyConfig config;
    private final LiveOptions options;
    private final UnaryOperator<DataStream<ReadResult>> tap;

    public LiveJob(Source<ReadResult, ?, ?> source, Sinks sinks, StrategyConfig config, LiveOptions options) {
        this(source, sinks, config, options, UnaryOperator.identity());
    }

    /**
     * @param tap applied to the source's records before the pipeline; tests insert a failure
     *     there
     */
    public LiveJob(
            Source<ReadResult, ?, ?> source,
            Sinks sinks,
            StrategyConfig config,
            LiveOptions options,
            UnaryOperator<DataStream<ReadResult>> tap) {
        this.source = source;
        this.sinks = sinks;
        this.config = config;
        this.options = options;
        this.tap = tap;
    }

    /** The Flink configuration of the job (state backend, checkpoints, latency settings). */
    public Configuration configuration() {
        Configuration conf = Loopback.bind(new Configuration());
        SignalPipeline.configure(conf);
        if (options.parallelism() != null) { // else the cluster's parallelism.default
            conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        }
        conf.set(StateBackendOptions.STATE_BACKEND, options.stateBackend());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(options.checkpointIntervalMs()));
        conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(2));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (options.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        }
        if (options.savepointDir() != null) {
            conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, options.savepointDir());
        }
        if (options.restoreFrom() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, options.restoreFrom());
        }
        // Latency: a network buffer leaves when full or after this timeout.
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(options.bufferTimeoutMs()));
        return conf;
    }

    /** Adds the job to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<ReadResult> records =
                env.fromSource(source, EventTimestamps.strategy(), "ticks").uid("ticks-source");
        SignalPipeline.Outputs out = SignalPipeline.build(tap.apply(records), config, sinks.features() != null, false);
        out.signals().sinkTo(sinks.signals()).name("signals").uid("signals-sink");
        out.blocked().sinkTo(sinks.blocked()).name("blocked").uid("blocked-sink");
        out.deadLetters().sinkTo(sinks.deadLetters()).name("dead letters").uid("dead-letter-sink");
        if (sinks.features() != null) {
            out.features().sinkTo(sinks.features()).name("features").uid("features-sink");
        }
    }

    /** The job's name on the cluster. */
    public static final String NAME = "scalp run";

    /** Submits the job (embedded, or to the cluster of the calling context) and returns. */
    public JobClient executeAsync() throws Exception {
        return executeAsync(StreamExecutionEnvironment.getExecutionEnvironment(configuration()));
    }

    /**
     * Adds the job to {@code env} and submits it.
     *
     * @param env an environment created with {@link #configuration()}, e.g. a remote one for a
     *     session cluster
     */
    public JobClient executeAsync(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.executeAsync(NAME);
    }
}
