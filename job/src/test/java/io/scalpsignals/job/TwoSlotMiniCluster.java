package io.scalpsignals.job;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The MiniCluster of the job's ITCases: one TaskManager with 2 slots, so that a job of
 * parallelism 2 really shuffles on {@code keyBy}.
 */
public final class TwoSlotMiniCluster {

    private TwoSlotMiniCluster() {}

    public static MiniClusterExtension create() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }
}
