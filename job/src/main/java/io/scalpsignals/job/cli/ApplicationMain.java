package io.scalpsignals.job.cli;

import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * The entry class for application mode (the Flink Kubernetes Operator's {@code FlinkDeployment},
 * {@code deploy/k8s/flink-deployment.yaml}): the job of {@code scalp run} with the same options,
 * run by the JobManager. Checkpoint and savepoint directories come from the cluster's
 * configuration unless given. It never calls {@link System#exit} (that would stop the
 * JobManager); a bad option fails the application with the option's name.
 */
@Command(
        name = "scalp-application",
        mixinStandardHelpOptions = true,
        description = "The streaming job on Kafka, in a Flink cluster's application mode.")
public final class ApplicationMain implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    JobOptions job;

    /**
     * @throws IllegalArgumentException on a bad option, naming it
     */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ApplicationMain());
        cli.setParameterExceptionHandler((e, a) -> {
            throw new IllegalArgumentException(e.getMessage(), e);
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            throw e;
        });
        cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        JobClient client = job.plan(spec.commandLine(), false).executeAsync();
        spec.commandLine().getOut().println("scalp application: job " + client.getJobID() + " submitted");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
