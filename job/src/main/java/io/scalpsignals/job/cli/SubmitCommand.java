package io.scalpsignals.job.cli;

import io.scalpsignals.job.LiveJob;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code scalp submit}: the job of {@code scalp run}, with the same options, submitted to a
 * session cluster through its REST API with the thin job jar ({@code job/target/scalp-job.jar}:
 * our code and the connectors, Flink itself provided by the cluster). Returns once the cluster
 * has accepted the job; the job id is the last line on stdout. {@code --restore-from} resumes from
 * a savepoint that {@code scalp stop --savepoint} wrote.
 */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = "Submits the streaming job to a Flink session cluster; prints the job id last.")
public final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    JobOptions job;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description = "The job jar (default: the jar this command runs from, job/target/scalp-job.jar).")
    Path jar;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        String host = cluster.host(cli);
        int port = cluster.port(cli);
        Path jobJar = jar != null ? jar : runningJar();
        if (!Files.isRegularFile(jobJar)) {
            throw new CommandLine.ParameterException(cli, "--jar: no such file: " + jobJar);
        }
        LiveJob live = job.plan(cli, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(host, port, live.configuration(), jobJar.toString());
        JobClient client = live.executeAsync(env);
        cli.getOut()
                .println("scalp submit: job '" + LiveJob.NAME + "' submitted to http://" + host + ":" + port + " with "
                        + jobJar.getFileName());
        cli.getOut().println(client.getJobID());
        cli.getOut().flush();
        return 0;
    }

    private Path runningJar() throws Exception {
        return Path.of(SubmitCommand.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }
}
