package io.scalpsignals.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.job.cli.ScalpCli;
import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.Ports;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Failover on the local stack, as a user would exercise it: the job on the session cluster
 * ({@code deploy/local/flink.sh}, {@code bin/scalp submit}) over a Kafka topic that {@code bin/scalp
 * produce} fills with the tardis file's real trades; the TaskManager is killed with SIGKILL three
 * times and {@code flink.sh start} brings it back each time. The signals on the topic, by intent
 * id, are exactly those of a backfill of the same trades: none missing, none extra (a replayed
 * signal repeats its intent id, which at-least-once allows).
 */
class FailoverITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    @Test
    void threeTaskManagerKillsLoseAndAddNoSignal() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        Path backfill = tmp.resolve("backfill");
        assertThat(ScalpCli.run(
                        "backfill", "--input", trades.toString(), "--outputs", "signals", "--out", backfill.toString()))
                .isZero();
        Set<String> expected = intentIds(Files.readAllLines(backfill.resolve("signals.jsonl")));

        int[] ports = Ports.free(5);
        env.put("KAFKA_PORT", Integer.toString(ports[0]));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
        env.put("KAFKA_DATA", tmp.resolve("kafka").toString());
        env.put("FLINK_REST_PORT", Integer.toString(ports[2]));
        env.put("FLINK_RPC_PORT", Integer.toString(ports[3]));
        env.put("FLINK_BLOB_PORT", Integer.toString(ports[4]));
        env.put("FLINK_DATA", tmp.resolve("flink").toString());
        String bootstrap = "127.0.0.1:" + ports[0];
        Process produce = null;
        try {
            run("deploy/local/kafka.sh", "start");
            run("deploy/local/flink.sh", "start");
            String out = run(
                    "bin/scalp",
                    "submit",
                    "--jobmanager",
                    "127.0.0.1:" + ports[2],
                    "--bootstrap-servers",
                    bootstrap,
                    "--partitions",
                    "1",
                    "--checkpoint-interval-ms",
                    "2000");
            String jobId =
                    out.strip().substring(out.strip().lastIndexOf('\n') + 1).strip();
            produce = new ProcessBuilder(argv(
                            "bin/scalp",
                            "produce",
                            "--input",
                            trades.toString(),
                            "--bootstrap-servers",
                            bootstrap,
                            "--partitions",
                            "1",
                            "--rate",
                            "800"))
                    .directory(tmp.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("produce.log").toFile())
                    .start();
            Path tmPid = tmp.resolve("flink/taskmanager.pid");
            String rest = "http://127.0.0.1:" + ports[2] + "/jobs/" + jobId;
            for (int kill = 1; kill <= 3; kill++) {
                // each kill after the job (restarted) has completed a checkpoint more: it fails over from it
                long completed = completedCheckpoints(rest);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> completedCheckpoints(rest) > completed);
                if (kill == 1) {
                    assertThat(produce.isAlive())
                            .as("the producer still sends at the first kill, so it lands mid-stream; see produce.log")
                            .isTrue();
                }
                long pid = Long.parseLong(Files.readString(tmPid).strip());
                ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
                assertThat(run("deploy/local/flink.sh", "start"))
                        .contains("the taskmanager does not: starting it again");
            }
            assertThat(produce.waitFor(3, TimeUnit.MINUTES)).isTrue();
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(intentIds(KafkaBroker.values(bootstrap, "signals")))
                            .isEqualTo(expected));
            // the job did fail over each time: its exception history has an entry per failure
            String exceptions = get(rest + "/exceptions");
            assertThat(JSON.readTree(exceptions).at("/exceptionHistory/entries").size())
                    .as(exceptions)
                    .isGreaterThanOrEqualTo(3);
        } finally {
            if (produce != null) {
                produce.destroy();
            }
            for (String script : List.of("deploy/local/flink.sh", "deploy/local/kafka.sh")) {
                Command.run(tmp, env, Duration.ofMinutes(2), argv(script, "stop"));
            }
        }
    }

    /** The job's completed checkpoints, as its REST API counts them (0 while it restarts). */
    private static long completedCheckpoints(String job) throws IOException, InterruptedException {
        return JSON.readTree(get(job + "/checkpoints")).at("/counts/completed").asLong(0);
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static Set<String> intentIds(List<String> signals) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String s : signals) {
            ids.add(JSON.readTree(s).get("intent_id").asText());
        }
        return ids;
    }

    private String run(String... command) {
        Command c = Command.run(tmp, env, Duration.ofMinutes(5), argv(command));
        assertThat(c.code()).as(String.join(" ", command) + ":\n" + c.output()).isZero();
        return c.out();
    }

    private static String[] argv(String... command) {
        List<String> argv =
                new ArrayList<>(List.of("bash", ROOT.resolve(command[0]).toString()));
        argv.addAll(List.of(command).subList(1, command.length));
        return argv.toArray(String[]::new);
    }
}
