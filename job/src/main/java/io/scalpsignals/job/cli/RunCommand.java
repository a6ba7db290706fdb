package io.scalpsignals.job.cli;

import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code scalp run}: the streaming job on Kafka. Ticks from {@code --ticks-topic} (JSON, key =
 * symbol); signals to {@code --signals-topic} (key = symbol), blocked candidates and dead
 * letters to theirs, feature records to {@code --features-topic} if given. Missing topics are
 * created. Flink runs embedded here; {@code scalp submit} sends the same job to a cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the streaming job on Kafka (embedded Flink).")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        JobClient client = job.plan(spec.commandLine(), true).executeAsync();
        spec.commandLine().getOut().println("scalp run: job " + client.getJobID() + " running; Ctrl-C stops it");
        spec.commandLine().getOut().flush();
        client.getJobExecutionResult().get();
        return 0;
    }
}
