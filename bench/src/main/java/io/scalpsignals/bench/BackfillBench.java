package io.scalpsignals.bench;

import io.scalpsignals.job.BackfillJob;
import io.scalpsignals.job.Output;
import io.scalpsignals.job.RunSummary;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.sinks.source.InputFile;
import io.scalpsignals.sinks.source.TickFileSource;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The backfill as a user runs it, embedded: a trade file to every output (or a subset), with heap
 * ({@code hashmap}) or RocksDB state, at a given parallelism. Timed by the job's net runtime
 * (Flink's {@link JobExecutionResult#getNetRuntime()}: from the job's start to its end, without
 * the MiniCluster's start).
 */
public final class BackfillBench {

    /** One run's figures. */
    public record Result(long ticks, long signals, long millis) {
        public double ticksPerSecond() {
            return ticks / (millis / 1000.0);
        }
    }

    private BackfillBench() {}

    /**
     * @param input a csv trade file ({@code SyntheticTicks}) or any format {@code auto} detects
     * @param stateBackend {@code hashmap} or {@code rocksdb}
     * @param work a directory for the outputs (deleted content is the caller's business)
     */
    public static Result run(Path input, String stateBackend, int parallelism, Set<Output> outputs, Path work)
            throws Exception {
        Path out = Files.createTempDirectory(work, "backfill-" + stateBackend + "-p" + parallelism + "-");
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        JobExecutionResult result = new BackfillJob(
                        new TickFileSource(
                                List.of(new InputFile(input.toAbsolutePath().toString(), TickFormat.AUTO, null))),
                        out,
                        outputs,
                        StrategyConfig.defaults(),
                        parallelism)
                .execute(conf);
        RunSummary summary = RunSummary.of(result, result.getNetRuntime());
        FileUtils.deleteDirectory(out.toFile());
        return new Result(
                summary.accepted(),
                summary.signals().values().stream().mapToLong(Long::longValue).sum(),
                result.getNetRuntime());
    }
}
