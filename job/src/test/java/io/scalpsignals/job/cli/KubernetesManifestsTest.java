package io.scalpsignals.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code deploy/k8s}: the manifests parsed, and the fields that must agree with each other and
 * with the code: the job's image and jar, its entry class and arguments (parsed by the entry
 * class's own command line), parallelism and slots, RocksDB with checkpoints and savepoints on the
 * mounted volume, the metrics port; the executor's single replica, its volume and state
 * directory, its metrics port; the topics the job and executor use.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of(System.getProperty("scalp.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("deploy/k8s");

    @Test
    void theFlinkDeploymentRunsTheJobJarWithRocksDbOnADurableVolume() throws Exception {
        List<JsonNode> docs = documents("flink-deployment.yaml");
        JsonNode fd = kind(docs, "FlinkDeployment");
        JsonNode spec = fd.get("spec");
        JsonNode conf = spec.get("flinkConfiguration");

        assertThat(fd.get("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(spec.get("image").asText()).isEqualTo(imageBuiltBy("job.Dockerfile"));
        String jar = spec.at("/job/jarURI").asText();
        assertThat(jar).startsWith("local://");
        assertThat(Files.readString(K8S.resolve("job.Dockerfile")))
                .contains("COPY job/target/scalp-job.jar " + jar.substring("local://".length()));
        Class<?> entry = Class.forName(spec.at("/job/entryClass").asText());
        assertThat(Modifier.isStatic(entry.getMethod("main", String[].class).getModifiers()))
                .isTrue();
        ApplicationMain app = new ApplicationMain();
        new CommandLine(app).parseArgs(strings(spec.at("/job/args")).toArray(String[]::new));
        assertThat(app.job.kafka.bootstrapServers()).startsWith("scalp-kafka-bootstrap.");
        assertThat(spec.at("/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(spec.at("/job/parallelism").asInt()).isEqualTo(4);
        assertThat(app.job.parallelism)
                .as("the job's args leave the parallelism to spec.job.parallelism")
                .isNull();
        assertThat(conf.get("taskmanager.numberOfTaskSlots").asInt()).isEqualTo(2);

        assertThat(conf.get("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.get("execution.checkpointing.incremental").asText()).isEqualTo("true");
        JsonNode pod = spec.at("/podTemplate/spec");
        JsonNode mount = pod.at("/containers/0/volumeMounts/0");
        assertThat(pod.at("/containers/0/name").asText()).isEqualTo("flink-main-container");
        String durable = "file://" + mount.get("mountPath").asText() + "/";
        assertThat(conf.get("execution.checkpointing.dir").asText()).startsWith(durable);
        assertThat(conf.get("execution.checkpointing.savepoint-dir").asText()).startsWith(durable);
        assertThat(conf.get("high-availability.storageDir").asText()).startsWith(durable);
        String claim = pod.at("/volumes/0/persistentVolumeClaim/claimName").asText();
        assertThat(pod.at("/volumes/0/name").asText())
                .isEqualTo(mount.get("name").asText());
        JsonNode pvc = named(docs, "PersistentVolumeClaim", claim);
        assertThat(strings(pvc.at("/spec/accessModes"))).containsExactly("ReadWriteMany");

        String port = conf.get("metrics.reporter.prom.port").asText();
        assertThat(conf.get("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(pod.at("/containers/0/ports/0/containerPort").asText()).isEqualTo(port);
        assertThat(pod.at("/containers/0/ports/0/name").asText()).isEqualTo("metrics"); // what the PodMonitor scrapes
    }

    @Test
    void theExecutorIsOneReplicaOnItsOwnVolume() throws Exception {
        List<JsonNode> docs = documents("executor.yaml");
        JsonNode deployment = kind(docs, "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        List<String> args = strings(container.get("args"));

        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(container.get("image").asText()).isEqualTo(imageBuiltBy("executor.Dockerfile"));
        assertThat(args.get(0)).isEqualTo("run");
        assertThat(valueOf(args, "--state-dir"))
                .isEqualTo(container.at("/volumeMounts/0/mountPath").asText());
        String claim = pod.at("/volumes/0/persistentVolumeClaim/claimName").asText();
        assertThat(strings(named(docs, "PersistentVolumeClaim", claim).at("/spec/accessModes")))
                .containsExactly("ReadWriteOnce");
        assertThat(valueOf(args, "--metrics-host")).isEqualTo("0.0.0.0");
        String port = valueOf(args, "--metrics-port");
        assertThat(container.at("/ports/0/containerPort").asText()).isEqualTo(port);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("metrics"); // what the PodMonitor scrapes
        assertThat(Files.readString(K8S.resolve("executor.Dockerfile")))
                .contains("executor/target/scalp-executor-all.jar");
    }

    @Test
    void theTopicsAreTheOnesTheJobAndExecutorUse() throws Exception {
        Set<String> topics = new HashSet<>();
        for (JsonNode topic : documents("kafka-topics.yaml")) {
            assertThat(topic.get("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText())
                    .isEqualTo("scalp-kafka");
            assertThat(topic.at("/spec/config/retention.ms").asLong())
                    .as("retention by size only")
                    .isEqualTo(-1);
            topics.add(topic.at("/metadata/name").asText());
        }
        ApplicationMain app = new ApplicationMain();
        new CommandLine(app)
                .parseArgs(strings(kind(documents("flink-deployment.yaml"), "FlinkDeployment")
                                .at("/spec/job/args"))
                        .toArray(String[]::new));
        assertThat(topics)
                .containsExactlyInAnyOrder(
                        app.job.ticksTopic, app.job.signalsTopic, app.job.blockedTopic, app.job.deadLetterTopic);
        List<String> executorArgs =
                strings(kind(documents("executor.yaml"), "Deployment").at("/spec/template/spec/containers/0/args"));
        assertThat(topics).contains(valueOf(executorArgs, "--signals-topic"), valueOf(executorArgs, "--ticks-topic"));
    }

    @Test
    void podMonitorsSelectThePodsThatServeMetrics() throws Exception {
        List<JsonNode> monitors = documents("monitoring.yaml");
        Set<String> apps = new HashSet<>();
        monitors.forEach(m -> {
            assertThat(m.get("kind").asText()).isEqualTo("PodMonitor");
            assertThat(m.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("metrics");
            apps.add(m.at("/spec/selector/matchLabels/app").asText());
        });
        String flinkApp = kind(documents("flink-deployment.yaml"), "FlinkDeployment")
                .at("/metadata/name")
                .asText();
        String executorApp = kind(documents("executor.yaml"), "Deployment")
                .at("/spec/template/metadata/labels/app")
                .asText();
        assertThat(apps).containsExactlyInAnyOrder(flinkApp, executorApp);
    }

    @Test
    void everyDeployFileTheManifestsAndTheReadmeNameExistsAndScrapingIsSaidOnce() throws IOException {
        Path root = K8S.getParent().getParent();
        Pattern deployPath = Pattern.compile("deploy/[A-Za-z0-9_./-]*[A-Za-z0-9_]");
        List<Path> sources = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.list(K8S)) {
            files.forEach(sources::add);
        }
        Set<String> named = new TreeSet<>();
        for (Path source : sources) {
            Matcher m = deployPath.matcher(Files.readString(source));
            while (m.find()) {
                named.add(m.group());
            }
        }

        assertThat(named)
                .contains("deploy/k8s/monitoring.yaml", "deploy/prometheus/alerts.yml")
                .allSatisfy(path -> assertThat(root.resolve(path)).as(path).exists());
        for (Path manifest : sources.subList(1, sources.size())) {
            assertThat(Files.readString(manifest)).as(manifest.toString()).doesNotContain("prometheus.io/");
        }
    }

    private static List<JsonNode> documents(String file) throws IOException {
        try (MappingIterator<JsonNode> it = new YAMLMapper()
                .readerFor(JsonNode.class)
                .readValues(K8S.resolve(file).toFile())) {
            return it.readAll();
        }
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind").asText())
                        && name.equals(d.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String valueOf(List<String> args, String option) {
        int i = args.indexOf(option);
        assertThat(i).as(option).isNotNegative();
        return args.get(i + 1);
    }

    /** The image tag a Dockerfile's own build comment gives ({@code docker build ... -t IMAGE .}). */
    private static String imageBuiltBy(String dockerfile) throws IOException {
        String text = Files.readString(K8S.resolve(dockerfile));
        int t = text.indexOf(" -t ");
        return text.substring(t + 4, text.indexOf(' ', t + 4));
    }
}
