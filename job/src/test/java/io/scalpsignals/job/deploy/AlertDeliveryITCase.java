package io.scalpsignals.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.Ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An alert reaches a person's endpoint: {@code deploy/local/monitoring.sh} starts Prometheus and
 * Alertmanager on free ports with {@code ALERT_WEBHOOK_URL} pointing at a webhook receiver run by
 * the test; with no executor running, {@code ScalpExecutorDown} fires, and Alertmanager POSTs it
 * there in its webhook JSON. The delivery is under test, not the rule (promtool's unit tests of
 * {@code alerts_test.yml} check the rules, {@code MonitoringConfigITCase}): Prometheus loads
 * {@code alerts.yml}'s own {@code ScalpExecutorDown} with {@code for: 5s} instead of 1 min
 * ({@code ALERT_RULES}).
 */
class AlertDeliveryITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void aFiringRuleReachesTheWebhookReceiver() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", ex -> {
            received.add(new ObjectMapper()
                    .readTree(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        int[] ports = Ports.free(4);
        Map<String, String> env = new HashMap<>();
        env.put("PUSHGATEWAY_PORT", Integer.toString(ports[0]));
        env.put("PROMETHEUS_PORT", Integer.toString(ports[1]));
        env.put("ALERTMANAGER_PORT", Integer.toString(ports[2]));
        env.put("EXECUTOR_METRICS_PORT", Integer.toString(ports[3])); // nothing listens: the executor is down
        env.put("ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        env.put("MONITORING_DATA", tmp.resolve("monitoring").toString());
        env.put("ALERT_RULES", executorDownRule(Duration.ofSeconds(5)).toString());
        try {
            assertThat(script(env, "install").code()).isZero();
            Command start = script(env, "start");
            assertThat(start.code()).as(start.output()).isZero();
            assertThat(start.out()).contains("alertmanager on http://127.0.0.1:" + ports[2]);

            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> received.stream()
                            .anyMatch(n -> n.path("status").asText().equals("firing")
                                    && n.path("commonLabels")
                                            .path("alertname")
                                            .asText()
                                            .equals("ScalpExecutorDown")));
            JsonNode alert = received.stream()
                    .filter(n ->
                            n.path("commonLabels").path("alertname").asText().equals("ScalpExecutorDown"))
                    .findFirst()
                    .orElseThrow();
            assertThat(alert.path("receiver").asText()).isEqualTo("webhook");
            assertThat(alert.at("/alerts/0/labels/job").asText()).isEqualTo("scalp-executor");
        } finally {
            script(env, "stop");
            receiver.stop(0);
        }
    }

    /** A rules file with only {@code alerts.yml}'s {@code ScalpExecutorDown}, its {@code for} replaced. */
    private Path executorDownRule(Duration holdFor) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode rules =
                yaml.readTree(ROOT.resolve("deploy/prometheus/alerts.yml").toFile());
        ObjectNode rule = null;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode r : group.path("rules")) {
                if (r.path("alert").asText().equals("ScalpExecutorDown")) {
                    rule = (ObjectNode) r;
                }
            }
        }
        assertThat(rule).as("ScalpExecutorDown in alerts.yml").isNotNull();
        rule.put("for", holdFor.toSeconds() + "s");
        ObjectNode file = yaml.createObjectNode();
        file.putArray("groups")
                .addObject()
                .put("name", "delivery-test")
                .putArray("rules")
                .add(rule);
        Path out = tmp.resolve("alerts-delivery-test.yml");
        yaml.writeValue(out.toFile(), file);
        return out;
    }

    private Command script(Map<String, String> env, String command) {
        return Command.run(
                tmp,
                env,
                Duration.ofMinutes(5),
                "bash",
                ROOT.resolve("deploy/local/monitoring.sh").toString(),
                command);
    }
}
