package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.testing.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** The settings of the replaced system, honoured from the environment. */
class ExecutorConfigTest {

    @TempDir Path dir;

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
    void anUnknownBrokerStopsTheStartNamingTheOption() {
        CliRun run = CliRun.of(ExecutorCli::run, "run", "--state-dir", dir.toString(), "--broker", "kraken");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--broker", "kraken", "PAPER, BYBIT");
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
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0))
                    .signal(open("r", "BTCUSDT", "REVERSE", 1_000, 80));

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED CLOSE_SIGNAL", "OPENED");
            assertThat(s.journal().get(2).get("action").asText()).isEqualTo("OPEN_SHORT");
        }
    }
}
