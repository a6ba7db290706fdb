package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.testing.CliRun;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The executor's settings: SPEC's defaults, the replaced system's variables, a YAML file, {@code --exec} overrides. */
class ExecutorConfigTest {

    @TempDir
    Path dir;

    @Test
    void honoursTheReplacedSystemsVariables() {
        ExecutorConfig c = ExecutorConfig.fromEnvironment(Map.of(
                "DEFAULT_TIME_IN_TRADE_LIMIT_SEC", "1800",
                "COOLDOWN_MINUTES", "15",
                "POSITION_MANAGER_ENABLE_REVERSE", "true",
                "BYBIT_HEDGE_MODE", "false"));

        assertThat(c.defaultTimeInTradeLimitSec()).isEqualTo(1800);
        assertThat(c.defaultCooldownSec()).isEqualTo(900);
        assertThat(c.enableReverse()).isTrue();
        assertThat(ExecutorConfig.fromEnvironment(Map.of())).isEqualTo(ExecutorConfig.defaults());
    }

    @Test
    void theShippedFileListsEveryKeyWithItsDefault() throws Exception {
        Path shipped = Path.of(System.getProperty("scalp.root", "..")).resolve("deploy/config/executor.yaml");
        var keys = new YAMLMapper().readTree(shipped.toFile()).fieldNames();
        Set<String> listed = new TreeSet<>();
        keys.forEachRemaining(listed::add);

        assertThat(ExecutorConfig.defaults().load(shipped)).isEqualTo(ExecutorConfig.defaults());
        assertThat(listed)
                .isEqualTo(
                        new TreeSet<>(ExecutorJson.MAPPER.valueToTree(ExecutorConfig.defaults()).properties().stream()
                                .map(Map.Entry::getKey)
                                .toList()));
    }

    @Test
    void aFileThenEachOverrideChangeTheKeysTheyName() throws Exception {
        Path file = Files.writeString(
                dir.resolve("exec.yaml"), "fee_pct: 0.0002\nmax_positions: 5\nstarting_balance: 2500.5\n");

        ExecutorConfig c =
                ExecutorConfig.defaults().load(file).with(Map.of("max_positions", "1", "enable_reverse", "true"));

        assertThat(c.feePct()).isEqualTo(0.0002);
        assertThat(c.maxPositions()).isEqualTo(1);
        assertThat(c.startingBalance()).isEqualByComparingTo("2500.5");
        assertThat(c.enableReverse()).isTrue();
        assertThat(c.slippagePct()).isEqualTo(ExecutorConfig.defaults().slippagePct());
    }

    @Test
    void badSettingsStopTheReplayNamingTheOptionAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("exec.yaml"), "loss_streak: 0\n");
        Path signals = Files.writeString(dir.resolve("s.jsonl"), "");
        Path ticks = Files.writeString(dir.resolve("t.csv"), "ts,symbol,price,size\n");
        String[] common = {
            "replay",
            "--signals",
            signals.toString(),
            "--ticks",
            ticks.toString(),
            "--state-dir",
            dir.resolve("state").toString(),
            "--journal",
            dir.resolve("j.jsonl").toString()
        };

        CliRun unknown = CliRun.of(ExecutorCli::run, concat(common, "--exec", "fees_pct=0.1"));
        CliRun outOfRange = CliRun.of(ExecutorCli::run, concat(common, "--exec", "drawdown_guard_pct=1.5"));
        CliRun inFile = CliRun.of(ExecutorCli::run, concat(common, "--exec-config", file.toString()));
        CliRun latency = CliRun.of(ExecutorCli::run, concat(common, "--latency-ms", "-5"));

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--exec", "unknown key fees_pct", "fee_pct");
        assertThat(outOfRange.err()).contains("--exec", "drawdown_guard_pct", "1.5");
        assertThat(inFile.err()).contains("--exec-config", "exec.yaml", "loss_streak", "must be > 0");
        assertThat(latency.err()).contains("--latency-ms", "-5");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anUnknownBrokerStopsTheStartNamingTheOption() {
        CliRun run = CliRun.of(ExecutorCli::run, "run", "--state-dir", dir.toString(), "--broker", "kraken");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--broker: no broker 'kraken'; there are bybit, paper");
    }

    @Test
    void refusesHedgeModeAndBadValuesByName() {
        assertThatThrownBy(() -> ExecutorConfig.fromEnvironment(Map.of("BYBIT_HEDGE_MODE", "true")))
                .hasMessageStartingWith("BYBIT_HEDGE_MODE=true is not supported: the executor trades in one-way mode");
        assertThatThrownBy(() -> ExecutorConfig.fromEnvironment(Map.of("DEFAULT_TIME_IN_TRADE_LIMIT_SEC", "soon")))
                .hasMessage("DEFAULT_TIME_IN_TRADE_LIMIT_SEC: must be a whole number of seconds > 0, got 'soon'");
        assertThatThrownBy(() -> ExecutorConfig.fromEnvironment(Map.of("COOLDOWN_MINUTES", "-5")))
                .hasMessage("COOLDOWN_MINUTES: must be a number of minutes >= 0, got '-5'");
    }

    @Test
    void reverseClosesAndOpensTheOtherWayWhenEnabled() {
        ExecutorConfig reverse = ExecutorConfig.fromEnvironment(Map.of("POSITION_MANAGER_ENABLE_REVERSE", "true"));
        try (Scenario s = new Scenario(dir, reverse)) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).signal(open("r", "BTCUSDT", "REVERSE", 1_000, 80));

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED CLOSE_SIGNAL", "OPENED");
            assertThat(s.journal().get(2).get("action").asText()).isEqualTo("OPEN_SHORT");
        }
    }
}
