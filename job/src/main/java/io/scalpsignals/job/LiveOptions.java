package io.scalpsignals.job;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.sinks.source.PerSymbolWatermarks;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import javax.annotation.Nullable;

import java.time.Duration;

/**
 * How the live job runs. Every value is validated on construction.
 *
 * @param parallelism parallelism of the keyed operators, or null for the cluster's default
 * @param stateBackend {@code rocksdb} (default; incremental checkpoints) or {@code hashmap}
 * @param checkpointIntervalMs checkpoint interval, ms
 * @param checkpointDir checkpoint directory URI, or null for the cluster's default
 * @param savepointDir savepoint directory URI, or null for the cluster's default
 * @param restoreFrom a savepoint or retained checkpoint to start from, or null
 * @param bufferTimeoutMs how long a network buffer may wait to fill, ms (latency)
 * @param watermarkIntervalMs how often watermarks are generated, ms: CEP and the gate emit
 *     when the watermark passes, so this bounds their added latency
 * @param symbolIdleMs event time after which a quiet symbol stops holding the watermark back
 * @param partitionIdleMs processing time after which a quiet Kafka partition stops holding
 *     the watermark back
 * @param quietWatermarkMs wall time without a tick after which the watermark reaches the newest
 *     tick, releasing a signal at the last tick; 0 never (see {@link PerSymbolWatermarks})
 */
public record LiveOptions(
        @Nullable Integer parallelism,
        String stateBackend,
        long checkpointIntervalMs,
        @Nullable String checkpointDir,
        @Nullable String savepointDir,
        @Nullable String restoreFrom,
        long bufferTimeoutMs,
        long watermarkIntervalMs,
        long symbolIdleMs,
        long partitionIdleMs,
        long quietWatermarkMs) {

    public LiveOptions {
        require(parallelism == null || parallelism >= 1, "--parallelism", parallelism, ">= 1");
        require(stateBackend.equals("rocksdb") || stateBackend.equals("hashmap"), "--state-backend", stateBackend, "rocksdb or hashmap");
        require(checkpointIntervalMs >= 10, "--checkpoint-interval-ms", checkpointIntervalMs, ">= 10");
        require(bufferTimeoutMs >= 0, "--buffer-timeout-ms", bufferTimeoutMs, ">= 0");
        require(watermarkIntervalMs >= 1, "--watermark-interval-ms", watermarkIntervalMs, ">= 1");
        require(symbolIdleMs >= 1, "--symbol-idle-ms", symbolIdleMs, ">= 1");
        require(partitionIdleMs >= 1, "--partition-idle-ms", partitionIdleMs, ">= 1");
        require(quietWatermarkMs >= 0, "--quiet-watermark-ms", quietWatermarkMs, ">= 0");
    }

    /** RocksDB, 10 s checkpoints, 5 ms buffer timeout, 50 ms watermarks, 10 s / 5 s idleness, 1 s quiet. */
    public static LiveOptions defaults() {
        return new LiveOptions(2, "rocksdb", 10_000, null, null, null, 5, 50, 10_000, 5_000, 1_000);
    }

    /** The live watermark strategy of {@link PerSymbolWatermarks}. */
    public WatermarkStrategy<ReadResult> watermarks() {
        return PerSymbolWatermarks.live(
                Duration.ofMillis(symbolIdleMs), Duration.ofMillis(partitionIdleMs), Duration.ofMillis(quietWatermarkMs));
    }

    private static void require(boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": must be " + expected + ", got " + value);
        }
    }
}
