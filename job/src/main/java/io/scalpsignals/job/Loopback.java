package io.scalpsignals.job;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * Where an embedded Flink (the MiniCluster of {@code scalp run} and {@code scalp backfill}) listens:
 * 127.0.0.1 only. Without it, Flink's blob server and the TaskManager's data (shuffle) server bind
 * every interface, so a job on a trader's laptop or a shared host would be reachable from the
 * network. On a cluster these are the cluster's own settings and a job's copy of them changes
 * nothing.
 */
public final class Loopback {

    /** The address every embedded server binds. */
    public static final String ADDRESS = "127.0.0.1";

    private Loopback() {}

    /** Binds the embedded cluster's servers to {@link #ADDRESS} unless {@code conf} already says where. */
    public static Configuration bind(Configuration conf) {
        setIfAbsent(conf, JobManagerOptions.BIND_HOST);
        setIfAbsent(conf, JobManagerOptions.ADDRESS);
        setIfAbsent(conf, TaskManagerOptions.BIND_HOST);
        setIfAbsent(conf, TaskManagerOptions.HOST);
        setIfAbsent(conf, RestOptions.BIND_ADDRESS);
        setIfAbsent(conf, RestOptions.ADDRESS);
        return conf;
    }

    private static void setIfAbsent(Configuration conf, ConfigOption<String> option) {
        if (!conf.contains(option)) {
            conf.set(option, ADDRESS);
        }
    }
}
