package io.scalpsignals.job.cli;

import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.util.NetUtils;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URL;

/** The session cluster that {@code scalp submit} and {@code scalp stop} talk to, by its REST address. */
public final class ClusterOptions {

    @Option(
            names = "--jobmanager",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:${env:FLINK_REST_PORT:-8081}",
            description = "The JobManager's REST address (default: ${DEFAULT-VALUE}).")
    String jobmanager;

    /** The host of {@code --jobmanager}. */
    String host(CommandLine cli) {
        return address(cli).getHost();
    }

    /** The port of {@code --jobmanager}. */
    int port(CommandLine cli) {
        return address(cli).getPort();
    }

    /**
     * A REST client of the cluster; the caller closes it.
     *
     * @throws CommandLine.ParameterException when {@code --jobmanager} is not HOST:PORT
     */
    RestClusterClient<StandaloneClusterId> client(CommandLine cli) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, host(cli));
        conf.set(RestOptions.PORT, port(cli));
        return new RestClusterClient<>(conf, StandaloneClusterId.getInstance());
    }

    private URL address(CommandLine cli) {
        try {
            return NetUtils.getCorrectHostnamePort(jobmanager);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--jobmanager: must be HOST:PORT, got '" + jobmanager + "'");
        }
    }
}
