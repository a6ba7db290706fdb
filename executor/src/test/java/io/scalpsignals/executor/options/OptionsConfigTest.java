package io.scalpsignals.executor.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class OptionsConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedFileListsEveryKeyWithItsDefault() {
        Path shipped = Path.of(System.getProperty("scalp.root", "..")).resolve("deploy/config/options-0dte.yaml");

        assertThat(OptionsConfig.load(shipped)).isEqualTo(OptionsConfig.defaults());
        assertThat(OptionsConfig.defaults().with(Map.of())).isEqualTo(OptionsConfig.defaults());
    }

    @Test
    void aFilesKeysOverrideTheDefaultsAndOverridesApplyOnTop() throws Exception {
        Path file = Files.writeString(
                dir.resolve("o.yaml"), "max_daily_scalps: 3\nprefer_0dte: false\ntime_zone: America/Chicago\n");

        OptionsConfig c = OptionsConfig.load(file).with(Map.of("max_daily_scalps", "2", "take_profit_pct", "0.5"));

        assertThat(c.maxDailyScalps()).isEqualTo(2);
        assertThat(c.prefer0dte()).isFalse();
        assertThat(c.takeProfitPct()).isEqualTo(0.5);
        assertThat(c.zone().getId()).isEqualTo("America/Chicago");
        assertThat(c.targetDelta()).isEqualTo(0.35);
    }

    @Test
    void aBadKeyOrValueIsNamed() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "max_daily_scalp: 3\n");
        Path fraction = Files.writeString(dir.resolve("fraction.yaml"), "max_daily_scalps: 2.5\n");

        assertThatThrownBy(() -> OptionsConfig.load(typo))
                .hasMessageStartingWith(typo + ": unknown key max_daily_scalp (known: ")
                .hasMessageContaining("max_daily_scalps");
        assertThatThrownBy(() -> OptionsConfig.load(fraction))
                .hasMessageStartingWith(fraction + ": ")
                .hasMessageContaining("max_daily_scalps");
        OptionsConfig d = OptionsConfig.defaults();
        assertThatThrownBy(() -> d.with(Map.of("stop_loss_pct", "1.5")))
                .hasMessage("stop_loss_pct: must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> d.with(Map.of("min_delta", "0.5")))
                .hasMessageStartingWith("min_delta, target_delta, max_delta: ");
        assertThatThrownBy(() -> d.with(Map.of("time_zone", "Mars/Olympus")))
                .hasMessage("time_zone: unknown zone 'Mars/Olympus'");
        assertThatThrownBy(() -> d.with(Map.of("max_concurrent_scalps", "one")))
                .hasMessage("max_concurrent_scalps: not a number or boolean: 'one'");
        assertThatThrownBy(() -> d.with(Map.of("max_concurrent_scalps", "0")))
                .hasMessage("max_concurrent_scalps: must be > 0, got 0.0");
    }
}
