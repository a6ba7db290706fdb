package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.ListeningSockets;
import io.scalpsignals.testing.Ports;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End to end on the local stack, every piece a real process started by the project's scripts:
 * the monitoring stack ({@code deploy/local/monitoring.sh}: pushgateway and Prometheus), Kafka
 * ({@code kafka.sh}), the Flink session cluster ({@code flink.sh}), the job submitted with {@code
 * bin/scalp submit}, the executor ({@code bin/executor run}), and the trades of {@code
 * ../shared/data} produced with {@code bin/scalp produce --shift-to-now}. Checks: the job RUNNING
 * through the REST API, signals on the topic, a journal entry per signal, every metric that a
 * dashboard panel or an alert rule queries exported by the real endpoints, Prometheus scraping
 * both, a stop with a savepoint that a new submission resumes from, and the job jar submitted
 * through Flink's own command-line frontend ({@code flink run} without {@code -c}).
 */
class ClusterITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Metric names in PromQL expressions: ours and Flink's all start with these. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:flink|scalp)_[A-Za-z0-9_]+|push_time_seconds)\\b");
    /** A series per open position: exported exactly when a position is open (ExecutorMetricsTest covers it). */
    private static final String PER_POSITION = "scalp_executor_position_time_left_seconds";

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    @Test
    void theJobRunsOnTheSessionClusterFeedsTheExecutorAndExportsEveryQueriedMetric() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        int tickCount = SharedData.ticks(trades, TickFormat.TARDIS).size();
        int[] ports = Ports.free(9); // nine distinct ports, Kafka's controller's and Alertmanager's among them
        int kafka = ports[0];
        int flink = ports[2];
        int pushgateway = ports[3];
        int prometheus = ports[4];
        int executorMetrics = ports[5];
        env.put("KAFKA_PORT", Integer.toString(kafka));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
        env.put("KAFKA_DATA", tmp.resolve("kafka").toString());
        env.put("FLINK_REST_PORT", Integer.toString(flink));
        env.put("FLINK_RPC_PORT", Integer.toString(ports[6]));
        env.put("FLINK_BLOB_PORT", Integer.toString(ports[7]));
        env.put("FLINK_DATA", tmp.resolve("flink").toString());
        env.put("PUSHGATEWAY_PORT", Integer.toString(pushgateway));
        env.put("PROMETHEUS_PORT", Integer.toString(prometheus));
        env.put("EXECUTOR_METRICS_PORT", Integer.toString(executorMetrics));
        env.put("MONITORING_DATA", tmp.resolve("monitoring").toString());
        env.put("ALERTMANAGER_PORT", Integer.toString(ports[8]));
        String bootstrap = "127.0.0.1:" + kafka;
        String jobmanager = "127.0.0.1:" + flink;
        Path executorState = tmp.resolve("executor");
        Process executor = null;
        try {
            run("deploy/local/monitoring.sh", "install");
            run("deploy/local/monitoring.sh", "start");
            run("deploy/local/kafka.sh", "start");
            assertThat(run("deploy/local/flink.sh", "start")).contains("REST on http://127.0.0.1:" + flink);

            String jobId = lastLine(run(
                    "bin/scalp",
                    "submit",
                    "--jobmanager",
                    jobmanager,
                    "--bootstrap-servers",
                    bootstrap,
                    "--partitions",
                    "1",
                    "--checkpoint-interval-ms",
                    "2000",
                    "--set",
                    "metrics_symbols=BTCUSDT"));
            awaitRunning(flink, jobId);

            executor = start(
                    tmp.resolve("executor.out"),
                    tmp.resolve("executor.err"),
                    "bin/executor",
                    "run",
                    "--state-dir",
                    executorState.toString(),
                    "--bootstrap-servers",
                    bootstrap,
                    "--metrics-port",
                    Integer.toString(executorMetrics));
            assertThat(run(
                            "bin/scalp",
                            "produce",
                            "--input",
                            trades.toString(),
                            "--bootstrap-servers",
                            bootstrap,
                            "--partitions",
                            "1",
                            "--shift-to-now"))
                    .contains(String.format(Locale.ROOT, "%,d ticks sent", tickCount));

            // Signals on the topic, each journaled by the executor; the job's counter agrees.
            Set<String> intentIds = new LinkedHashSet<>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        intentIds.clear();
                        for (String signal : KafkaBroker.values(bootstrap, "signals")) {
                            intentIds.add(JSON.readTree(signal).get("intent_id").asText());
                        }
                        assertThat(intentIds).isNotEmpty();
                        assertThat(sum(
                                        scrape(pushgateway),
                                        "flink_taskmanager_job_task_operator_scalp_trigger_action_signals"))
                                .isEqualTo(intentIds.size());
                        assertThat(sum(scrape(pushgateway), "flink_taskmanager_job_task_operator_scalp_ticksAccepted"))
                                .isEqualTo(tickCount);
                        String journal = run("bin/executor", "journal", "--state-dir", executorState.toString());
                        assertThat(intentIds)
                                .allSatisfy(id -> assertThat(journal).contains("\"intent_id\":\"" + id + "\""));
                    });

            // Loopback only: every process of the local stack (its pid files) and the executor listen on 127.0.0.1.
            List<Long> pids = new ArrayList<>(List.of(executor.pid()));
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path pidFile : files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                        .toList()) {
                    pids.add(Long.parseLong(Files.readString(pidFile).strip()));
                }
            }
            assertThat(pids)
                    .hasSizeGreaterThanOrEqualTo(
                            7); // kafka, jobmanager, taskmanager, pushgateway, prometheus, alertmanager, executor
            for (long pid : pids) {
                assertThat(ListeningSockets.of(pid))
                        .as("pid " + pid)
                        .isNotEmpty()
                        .allSatisfy(socket -> assertThat(socket.loopback())
                                .as("pid " + pid + " " + socket)
                                .isTrue());
            }

            // Every metric a panel or an alert queries is exported, and Prometheus scrapes both.
            Set<String> queried = queriedMetrics();
            assertThat(queried)
                    .contains(
                            "flink_taskmanager_job_task_operator_scalp_tickToSignalLatencyUs",
                            "scalp_executor_position_time_left_seconds",
                            "flink_jobmanager_job_lastCheckpointSize");
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        String executorText = scrape(executorMetrics);
                        Set<String> exported = names(scrape(pushgateway) + executorText);
                        Set<String> expected = new TreeSet<>(queried);
                        expected.removeIf(m -> m.startsWith(
                                "scalp_ingest_")); // scalp ingest's own endpoint: IngestITCase checks those
                        if (sum(executorText, "scalp_executor_open_positions") == 0) {
                            assertThat(exported).doesNotContain(PER_POSITION);
                            expected.remove(PER_POSITION);
                        }
                        assertThat(expected)
                                .allSatisfy(m -> assertThat(exported)
                                        .as("exported metrics")
                                        .contains(m));
                        assertThat(query(prometheus, "up{job=\"flink\"}")).contains("\"1\"]");
                        assertThat(query(prometheus, "up{job=\"scalp-executor\"}"))
                                .contains("\"1\"]");
                    });
            for (String expr : dashboardExpressions()) { // each variable as "All" selects it: .*
                assertThat(JSON.readTree(query(prometheus, expr.replaceAll("\\$[a-z_]+", ".*")))
                                .get("status")
                                .asText())
                        .as(expr)
                        .isEqualTo("success");
            }
            // Each dashboard variable's label_values(metric, label), as Grafana asks Prometheus for it
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        for (JsonNode v : JSON.readTree(ROOT.resolve("deploy/grafana/dashboards/scalp-signals.json")
                                        .toFile())
                                .at("/templating/list")) {
                            Matcher lv = Pattern.compile("label_values\\(([a-z_A-Z0-9]+), ([a-z_]+)\\)")
                                    .matcher(v.at("/query/query").asText());
                            assertThat(lv.matches()).as(v.toString()).isTrue();
                            JsonNode values = JSON.readTree(get("http://127.0.0.1:" + prometheus + "/api/v1/label/"
                                    + lv.group(2) + "/values?match[]="
                                    + URLEncoder.encode(lv.group(1), StandardCharsets.UTF_8)));
                            assertThat(values.get("status").asText()).isEqualTo("success");
                            assertThat(values.get("data"))
                                    .as(v.get("name").asText())
                                    .isNotEmpty();
                        }
                    });

            // Stop with a savepoint; a new submission resumes from it.
            String savepoint = lastLine(run("bin/scalp", "stop", "--savepoint", "--jobmanager", jobmanager));
            assertThat(Path.of(URI.create(savepoint)).resolve("_metadata")).isRegularFile();
            String resumed = lastLine(run(
                    "bin/scalp",
                    "submit",
                    "--jobmanager",
                    jobmanager,
                    "--bootstrap-servers",
                    bootstrap,
                    "--restore-from",
                    savepoint));
            assertThat(resumed).isNotEqualTo(jobId);
            awaitRunning(flink, resumed);
            JsonNode checkpoints = JSON.readTree(get("http://" + jobmanager + "/jobs/" + resumed + "/checkpoints"));
            assertThat(checkpoints.at("/latest/restored/external_path").asText())
                    .isEqualTo(savepoint);
            assertThat(run("bin/scalp", "stop", "--jobmanager", jobmanager)).contains("job " + resumed + " cancelled");

            // Flink's own command-line frontend runs the jar by its Main-Class (no -c): the job of scalp run.
            String submitted = run(
                    "deploy/local/flink.sh",
                    "cli",
                    "run",
                    "--detached",
                    "--jobmanager",
                    jobmanager,
                    ROOT.resolve("job/target/scalp-job.jar").toString(),
                    "--bootstrap-servers",
                    bootstrap);
            Matcher id = Pattern.compile("JobID ([0-9a-f]{32})").matcher(submitted);
            assertThat(id.find()).as(submitted).isTrue();
            awaitRunning(flink, id.group(1));
            assertThat(JSON.readTree(get("http://" + jobmanager + "/jobs/" + id.group(1)))
                            .get("name")
                            .asText())
                    .isEqualTo(LiveJob.NAME);
            assertThat(run("bin/scalp", "stop", "--jobmanager", jobmanager))
                    .contains("job " + id.group(1) + " cancelled");
        } finally {
            if (executor != null) {
                executor.destroy();
                executor.waitFor(60, TimeUnit.SECONDS);
            }
            // each service stopped whatever the others do; a failure to stop is reported, not hiding the test's own
            for (String script :
                    List.of("deploy/local/flink.sh", "deploy/local/kafka.sh", "deploy/local/monitoring.sh")) {
                Command stop = Command.run(tmp, env, Duration.ofMinutes(2), argv(script, "stop"));
                if (stop.code() != 0) {
                    System.err.println(script + " stop failed (" + stop.code() + "):\n" + stop.output());
                }
            }
        }
    }

    /** The metric names in the dashboard's expressions and the alert rules'. */
    private static Set<String> queriedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> exprs = new ArrayList<>(dashboardExpressions());
        JsonNode rules = new YAMLMapper()
                .readTree(ROOT.resolve("deploy/prometheus/alerts.yml").toFile());
        rules.get("groups")
                .forEach(
                        g -> g.get("rules").forEach(r -> exprs.add(r.get("expr").asText())));
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\"")); // label values are not names
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static List<String> dashboardExpressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        JSON.readTree(ROOT.resolve("deploy/grafana/dashboards/scalp-signals.json")
                        .toFile())
                .get("panels")
                .forEach(p ->
                        p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        return exprs;
    }

    /** The metric names of a Prometheus text exposition (histogram and summary suffixes kept). */
    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition
                .lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }

    /** The sum of every sample of {@code metric} in an exposition. */
    private static double sum(String exposition, String metric) {
        return exposition
                .lines()
                .filter(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        return get("http://127.0.0.1:" + port + "/metrics");
    }

    private static String query(int prometheus, String expr) throws IOException, InterruptedException {
        return get("http://127.0.0.1:" + prometheus + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private void awaitRunning(int flink, String jobId) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(JSON.readTree(get("http://127.0.0.1:" + flink + "/jobs/" + jobId))
                                .get("state")
                                .asText())
                        .isEqualTo("RUNNING"));
    }

    /** Runs a project command to completion and returns its stdout; fails with its output unless it exits 0. */
    private String run(String... command) {
        Command c = Command.run(tmp, env, Duration.ofMinutes(5), argv(command));
        assertThat(c.code()).as(String.join(" ", command) + ":\n" + c.output()).isZero();
        return c.out();
    }

    /** Starts a project command in the background with the test's ports. */
    private Process start(Path out, Path err, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv(command))
                .directory(tmp.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A project command: a script under the repository root and its arguments. */
    private static String[] argv(String... command) {
        List<String> argv =
                new ArrayList<>(List.of("bash", ROOT.resolve(command[0]).toString()));
        argv.addAll(List.of(command).subList(1, command.length));
        return argv.toArray(String[]::new);
    }

    private static String lastLine(String out) {
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        return lines.get(lines.size() - 1).trim();
    }
}
