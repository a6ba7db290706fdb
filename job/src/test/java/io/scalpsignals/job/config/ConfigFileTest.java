package io.scalpsignals.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.config.RiskProfile;
import io.scalpsignals.udf.config.StrategyConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void readsYamlAndKeepsDefaultsForAbsentKeys() throws IOException {
        Path f = Files.writeString(
                dir.resolve("c.yaml"),
                "bar_sec: 60\nsession_time_zone: America/New_York\nsession_start: \"09:30\"\nbreakout_confirm_ms: 3000\nprofile: scalp-bps\n");

        StrategyConfig c = ConfigFile.load(f);

        assertThat(c.features())
                .isEqualTo(new FeatureConfig(60, ZoneId.of("America/New_York"), LocalTime.of(9, 30), 300, 3900, 300));
        assertThat(c.breakoutConfirmMs).isEqualTo(3000);
        assertThat(c.riskProfile()).isEqualTo(RiskProfile.SCALP_BPS);
        assertThat(c.momentumVolumeRatioMin).isEqualTo(2.0);
    }

    @Test
    void anOverrideSetsItsKeyOverTheFileAndKeepsTheRest() throws IOException {
        StrategyConfig base =
                ConfigFile.load(Files.writeString(dir.resolve("c.yaml"), "min_interval_sec: 90\nbar_sec: 60\n"));

        StrategyConfig c =
                ConfigFile.override(base, java.util.Map.of("min_interval_sec", "300", "profile", "options-0dte"));

        assertThat(c.minIntervalSec).isEqualTo(300);
        assertThat(c.riskProfile()).isEqualTo(RiskProfile.OPTIONS_0DTE);
        assertThat(c.features().barSec()).isEqualTo(60);
    }

    @Test
    void readsProperties() throws IOException {
        Path f = Files.writeString(
                dir.resolve("c.properties"), "history_sec=4200\nvolume_window_sec=600\nmin_interval_sec=90\n");

        StrategyConfig c = ConfigFile.load(f);

        assertThat(c.historySec).isEqualTo(4200);
        assertThat(c.volumeWindowSec).isEqualTo(600);
        assertThat(c.minIntervalSec).isEqualTo(90);
        assertThat(c.barSec).isEqualTo(15);
    }

    @Test
    void everyKeyOfTheShippedExampleIsKnown() throws IOException {
        Path example = Path.of(System.getProperty("scalp.root", ".."), "deploy/config/strategy.yaml");

        StrategyConfig c = ConfigFile.load(example);

        // every key at its default but book_imbalance's own risk, seed 003's scalp
        StrategyConfig expected = StrategyConfig.defaults();
        expected.tpPctBookImbalance = 0.03;
        expected.timeInTradeLimitSecBookImbalance = 900L;
        assertThat(ConfigFile.describe(c)).isEqualTo(ConfigFile.describe(expected));
        assertThat(Files.readString(example))
                .contains(ConfigFile.keys().stream().map(k -> k + ":").toList());
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), "bar_sec: 15\nbar_secs: 30\n");

        assertThatThrownBy(() -> ConfigFile.load(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("config " + f + ": unknown key 'bar_secs' (known: bar_sec,");
    }

    @Test
    void badValuesAreNamed() throws IOException {
        Path notInt = Files.writeString(dir.resolve("a.yaml"), "bar_sec: fifteen\n");
        Path tooLong = Files.writeString(dir.resolve("b.yaml"), "bar_sec: 86401\n");
        Path zone = Files.writeString(dir.resolve("c.yaml"), "session_time_zone: Mars/Olympus\n");
        Path profile = Files.writeString(dir.resolve("d.yaml"), "profile: yolo\n");
        Path negative = Files.writeString(dir.resolve("e.properties"), "vwap_touch_pct=-0.1\n");

        assertThatThrownBy(() -> ConfigFile.load(notInt))
                .hasMessageStartingWith("config " + notInt + ": key 'bar_sec': ");
        assertThatThrownBy(() -> ConfigFile.load(tooLong))
                .hasMessageEndingWith("bar_sec: must be between 1 and 86400, got 86401");
        assertThatThrownBy(() -> ConfigFile.load(zone))
                .hasMessageEndingWith("session_time_zone: unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> ConfigFile.load(profile)).hasMessageContaining("profile: unknown risk profile 'yolo'");
        assertThatThrownBy(() -> ConfigFile.load(negative))
                .hasMessageEndingWith("vwap_touch_pct: must be a finite number > 0, got -0.1");
    }

    @Test
    void theBreakoutWindowMustBeAtLeastTwiceTheConfirmationDelay() throws IOException {
        Path tooShort = Files.writeString(dir.resolve("f.yaml"), "breakout_confirm_ms: 5000\nbreakout_window_sec: 9\n");
        Path twice = Files.writeString(dir.resolve("g.yaml"), "breakout_confirm_ms: 5000\nbreakout_window_sec: 10\n");

        assertThatThrownBy(() -> ConfigFile.load(tooShort))
                .hasMessageContaining("breakout_window_sec: must be at least twice breakout_confirm_ms")
                .hasMessageEndingWith("got 9");
        assertThat(ConfigFile.load(twice).breakoutWindowSec).isEqualTo(10);
    }
}
