package io.scalpsignals.job;

import javax.annotation.Nullable;

/**
 * How the live job runs. Every value is validated on construction.
 *
 * @param parallelism parallelism of the keyed operators, or null for the cluster's default
 * @param stateBackend {@code rocksdb} (default; incremental checkpoints) or {@code hashmap}
 * @param checkpointIntervalMs checkpoint interval, ms
 * @param checkpointDir checkpoint directory URI, or null for the cluster's default
 * @param savepointDir savepoint directory URI, or null for the cluster's default
 * @param restoreFrom a savepoint or retained checkpoint to start from, or null
 * @param bufferTimeoutMs how long a network buffer may wait to fill, ms; 0 flushes after every
 *     record (lowest latency, BENCHMARKS.md)
 */
public record LiveOptions(
        @Nullable Integer parallelism,
        String stateBackend,
        long checkpointIntervalMs,
        @Nullable String checkpointDir,
        @Nullable String savepointDir,
        @Nullable String restoreFrom,
        long bufferTimeoutMs) {

    public LiveOptions {
        require(parallelism == null || parallelism >= 1, "--parallelism", parallelism, ">= 1");
        require(
                stateBackend.equals("rocksdb") || stateBackend.equals("hashmap"),
                "--state-backend",
                stateBackend,
                "rocksdb or hashmap");
        require(checkpointIntervalMs >= 10, "--checkpoint-interval-ms", checkpointIntervalMs, ">= 10");
        require(bufferTimeoutMs >= 0, "--buffer-timeout-ms", bufferTimeoutMs, ">= 0");
    }

    /** Parallelism 2, RocksDB, 10 s checkpoints, no buffer timeout (every record sent at once). */
    public static LiveOptions defaults() {
        return new LiveOptions(2, "rocksdb", 10_000, null, null, null, 0);
    }

    private static void require(boolean ok, String option, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": must be " + expected + ", got " + value);
        }
    }
}
