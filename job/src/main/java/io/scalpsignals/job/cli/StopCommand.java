package io.scalpsignals.job.cli;

import io.scalpsignals.job.LiveJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code scalp stop}: stops a job on a session cluster. With {@code --savepoint} it is Flink's
 * stop-with-savepoint (sources stop, a final savepoint is taken, the job finishes) and the
 * savepoint's path is the last line on stdout, for {@code scalp submit --restore-from PATH};
 * without, the job is cancelled (its retained checkpoints stay). The job is {@code --job-id},
 * else the one running job named {@value LiveJob#NAME}.
 */
@Command(
        name = "stop",
        mixinStandardHelpOptions = true,
        description = "Stops the job on the session cluster, with --savepoint: prints the savepoint path last.")
public final class StopCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(
            names = "--job-id",
            paramLabel = "ID",
            description = "The job (default: the one running job named '" + LiveJob.NAME + "').")
    String jobId;

    @Option(names = "--savepoint", description = "Stop with a savepoint (default: cancel).")
    boolean savepoint;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "URI",
            description = "Where the savepoint goes (default: the cluster's execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Option(
            names = "--timeout-sec",
            defaultValue = "300",
            description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    long timeoutSec;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        try (RestClusterClient<StandaloneClusterId> client = cluster.client(cli)) {
            JobID id = jobId != null ? parse(cli) : runningJob(cli, client);
            if (savepoint) {
                String path = client.stopWithSavepoint(id, false, savepointDir, SavepointFormatType.CANONICAL)
                        .get(timeoutSec, TimeUnit.SECONDS);
                cli.getOut().println("scalp stop: job " + id + " stopped with a savepoint");
                cli.getOut().println(path);
            } else {
                client.cancel(id).get(timeoutSec, TimeUnit.SECONDS);
                cli.getOut().println("scalp stop: job " + id + " cancelled");
            }
            cli.getOut().flush();
        }
        return 0;
    }

    private JobID parse(CommandLine cli) {
        try {
            return JobID.fromHexString(jobId);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--job-id: not a job id: '" + jobId + "'");
        }
    }

    private static JobID runningJob(CommandLine cli, RestClusterClient<StandaloneClusterId> client) throws Exception {
        List<JobStatusMessage> running = client.listJobs().get(30, TimeUnit.SECONDS).stream()
                .filter(j -> !j.getJobState().isGloballyTerminalState() && LiveJob.NAME.equals(j.getJobName()))
                .toList();
        if (running.size() != 1) {
            throw new CommandLine.ParameterException(
                    cli,
                    "--job-id: needed, " + running.size() + " jobs named '" + LiveJob.NAME + "' are running on "
                            + client.getWebInterfaceURL());
        }
        return running.get(0).getJobId();
    }
}
