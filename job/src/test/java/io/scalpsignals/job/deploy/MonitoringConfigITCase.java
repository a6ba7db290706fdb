package io.scalpsignals.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.testing.Command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/prometheus} and {@code deploy/grafana} as the tools read them: {@code promtool}
 * (Debian package {@code prometheus}, installed by {@code deploy/local/monitoring.sh install})
 * checks the configuration and the rules and runs the alert unit tests, {@code amtool} (Debian
 * package {@code prometheus-alertmanager}) checks Alertmanager's; the dashboard's panels
 * query the provisioned datasource. That every queried metric is really exported is {@code
 * ClusterITCase}'s part.
 */
class MonitoringConfigITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();
    private static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    private static final Path GRAFANA = ROOT.resolve("deploy/grafana");

    @BeforeAll
    static void installPromtool() throws Exception {
        Command install =
                run(ROOT, "bash", ROOT.resolve("deploy/local/monitoring.sh").toString(), "install");
        assertThat(install.code()).as(install.output()).isZero();
    }

    @Test
    void promtoolAcceptsTheConfigurationAndItsRuleFile() throws Exception {
        Command config = run(PROMETHEUS, "promtool", "check", "config", "prometheus.yml");
        assertThat(config.code()).as(config.output()).isZero();
        int ruleFiles = new YAMLMapper()
                .readTree(PROMETHEUS.resolve("prometheus.yml").toFile())
                .get("rule_files")
                .size();
        assertThat(config.output()).contains("SUCCESS: " + ruleFiles + " rule files found");
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfigurationWithItsWebhook(@TempDir Path dir) throws Exception {
        String rendered = Files.readString(ROOT.resolve("deploy/alertmanager/alertmanager.yml"))
                .replace("${ALERT_WEBHOOK_URL}", "http://127.0.0.1:9099/alerts"); // as monitoring.sh renders it
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), rendered);

        Command check = run(dir, "amtool", "check-config", config.toString());

        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS", "1 receivers");
        assertThat(new YAMLMapper()
                        .readTree(PROMETHEUS.resolve("prometheus.yml").toFile())
                        .at("/alerting/alertmanagers/0/static_configs/0/targets/0")
                        .asText())
                .isEqualTo("127.0.0.1:9095");
    }

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        Command rules = run(PROMETHEUS, "promtool", "check", "rules", "alerts.yml");
        assertThat(rules.code()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
    }

    @Test
    void everyAlertFiresInItsUnitTestAndStaysQuietBefore() throws Exception {
        Command tests = run(PROMETHEUS, "promtool", "test", "rules", "alerts_test.yml");
        assertThat(tests.code()).as(tests.output()).isZero();
        JsonNode cases =
                new YAMLMapper().readTree(PROMETHEUS.resolve("alerts_test.yml").toFile());
        Set<String> tested = new HashSet<>();
        cases.get("tests")
                .forEach(t -> t.get("alert_rule_test").forEach(a -> {
                    if (!a.get("exp_alerts").isEmpty()) {
                        tested.add(a.get("alertname").asText());
                    }
                }));
        assertThat(tested).containsAll(alertNames());
    }

    /** The alerts of alerts.yml. */
    private static Set<String> alertNames() throws IOException {
        Set<String> rules = new HashSet<>();
        new YAMLMapper()
                .readTree(PROMETHEUS.resolve("alerts.yml").toFile())
                .get("groups")
                .forEach(g ->
                        g.get("rules").forEach(r -> rules.add(r.get("alert").asText())));
        return rules;
    }

    @Test
    void everyPanelIsFilteredByTheDashboardsVariables() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(GRAFANA.resolve("dashboards/scalp-signals.json").toFile());
        Set<String> variables = new HashSet<>();
        dashboard
                .at("/templating/list")
                .forEach(v -> variables.add(v.get("name").asText()));

        assertThat(variables).containsExactlyInAnyOrder("job", "task_manager", "executor", "symbol");
        dashboard.get("panels").forEach(p -> {
            List<String> exprs = new ArrayList<>();
            p.get("targets").forEach(t -> exprs.add(t.get("expr").asText()));
            assertThat(String.join(" ", exprs))
                    .as(p.get("title").asText())
                    .containsPattern("\\$(job|task_manager|executor|symbol)\\b");
            for (String e : exprs) {
                Matcher m = Pattern.compile(
                                "(flink_taskmanager_job_|flink_jobmanager_job_|scalp_executor_|scalp_ingest_(trades_total|gap_seconds_total|trade_age_seconds))[A-Za-z_]*\\{([^}]*)\\}?")
                        .matcher(e);
                if (!m.find()) {
                    assertThat(e)
                            .as("only ingest's per-venue series carry no filtered label")
                            .containsPattern("scalp_ingest_(reconnects|malformed|connected)");
                    continue;
                }
                String labels = m.group(3) == null ? "" : m.group(3);
                String family = m.group(1);
                if (family.startsWith("flink_taskmanager")) {
                    assertThat(labels).as(e).contains("job_name=~\"$job\"", "tm_id=~\"$task_manager\"");
                    if (e.contains("_scalp_symbol_")) {
                        assertThat(labels).as(e).contains("symbol=~\"$symbol\"");
                    }
                } else if (family.startsWith("flink_jobmanager")) {
                    assertThat(labels).as(e).contains("job_name=~\"$job\"");
                } else if (family.startsWith("scalp_executor")) {
                    assertThat(labels).as(e).contains("instance=~\"$executor\"");
                } else {
                    assertThat(labels).as(e).contains("symbol=~\"$symbol\"");
                }
            }
        });
    }

    @Test
    void everyPanelQueriesTheProvisionedDatasource() throws IOException {
        JsonNode datasources = new YAMLMapper()
                .readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml")
                        .toFile());
        String uid = datasources.at("/datasources/0/uid").asText();
        JsonNode dashboard = new ObjectMapper()
                .readTree(GRAFANA.resolve("dashboards/scalp-signals.json").toFile());
        JsonNode panels = dashboard.get("panels");

        assertThat(dashboard.get("uid").asText()).isEqualTo("scalp-signals");
        assertThat(panels.size()).isGreaterThanOrEqualTo(14);
        Set<String> titles = new HashSet<>();
        panels.forEach(p -> {
            titles.add(p.get("title").asText());
            assertThat(p.at("/datasource/uid").asText())
                    .as(p.get("title").asText())
                    .isEqualTo(uid);
            assertThat(p.get("targets")).as(p.get("title").asText()).isNotEmpty();
            p.get("targets").forEach(t -> assertThat(t.get("expr").asText()).isNotBlank());
        });
        assertThat(titles).hasSize(panels.size());
        JsonNode provider = new YAMLMapper()
                .readTree(GRAFANA.resolve("provisioning/dashboards/scalp.yml").toFile());
        assertThat(ROOT.resolve(provider.at("/providers/0/options/path").asText())
                        .resolve("scalp-signals.json"))
                .isRegularFile();
    }

    private static Command run(Path dir, String... command) {
        return Command.run(dir, Map.of(), Duration.ofMinutes(5), command);
    }
}
