package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.testing.CliRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * {@code executor pause|resume|close}: requests written to the state directory by another
 * process, applied by the executor that owns it. A pause refuses opens and lets exits run, holds
 * across a restart, and a close closes at the last price with reason MANUAL.
 */
class KillSwitchTest {

    @TempDir
    Path dir;

    @Test
    void pauseRefusesOpensButNotExitsAndHoldsAcrossARestart() {
        Path state = dir.resolve("state");
        try (Scenario s = new Scenario(state, ExecutorConfig.defaults())) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
            assertThat(cli("pause", "--state-dir", state.toString()).code()).isZero();
            s.engine.applyControls();
            s.tick(1_000, 100.0).signal(open("b", "ETHUSDT", "OPEN_LONG", 1_000, 80));
            s.tick(2_000, 98.0); // stop loss of the open position: exits still run
        }
        try (Scenario restarted = new Scenario(state, ExecutorConfig.defaults())) {
            restarted.tick(3_000, 100.0).signal(open("c", "OPEN_LONG", 3_000));
            assertThat(cli("resume", "--state-dir", state.toString()).code()).isZero();
            restarted.engine.applyControls();
            restarted.signal(open("d", "OPEN_SHORT", 3_000));

            assertThat(restarted.outcomes())
                    .containsExactly("OPENED", "REJECTED PAUSED", "CLOSED STOP_LOSS", "REJECTED PAUSED", "OPENED");
            assertThat(restarted.store.controls()).isEmpty();
        }
    }

    @Test
    void closeClosesOneSymbolOrEveryPositionAtTheLastPrice() {
        Path state = dir.resolve("state");
        try (Scenario s = new Scenario(state, ExecutorConfig.defaults())) {
            s.tick(0, 100.0)
                    .tick("ETHUSDT", 0, 10.0)
                    .tick("SOLUSDT", 0, 20.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal(open("b", "ETHUSDT", "OPEN_SHORT", 0, 80))
                    .signal(open("c", "SOLUSDT", "OPEN_LONG", 0, 80))
                    .tick("ETHUSDT", 1_000, 10.01);
            assertThat(cli("close", "--symbol", "ETHUSDT", "--state-dir", state.toString())
                            .code())
                    .isZero();
            s.engine.applyControls();
            assertThat(cli("close", "--all", "--state-dir", state.toString()).code())
                    .isZero();
            s.engine.applyControls();

            assertThat(s.outcomes())
                    .containsExactly("OPENED", "OPENED", "OPENED", "CLOSED MANUAL", "CLOSED MANUAL", "CLOSED MANUAL");
            assertThat(s.journal().get(3).get("symbol").asText()).isEqualTo("ETHUSDT");
            assertThat(s.journal().get(3).get("price").asDouble())
                    .isEqualTo(10.01 * (1 + 0.0002)); // a buy back, slipped
            assertThat(s.store.positions()).isEmpty();
        }
    }

    @Test
    void theCommandsCheckTheirArguments() {
        CliRun noState = cli("pause", "--state-dir", dir.resolve("nothing").toString());
        CliRun noTarget = cli("close", "--state-dir", dir.toString());
        CliRun both = cli("close", "--all", "--symbol", "BTCUSDT", "--state-dir", dir.toString());

        assertThat(noState.code()).isEqualTo(2);
        assertThat(noState.err()).contains("--state-dir: no executor state in");
        assertThat(noTarget.code()).isEqualTo(2);
        assertThat(noTarget.err()).contains("Missing required argument");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    private static CliRun cli(String... args) {
        return CliRun.of(ExecutorCli::run, args);
    }
}
