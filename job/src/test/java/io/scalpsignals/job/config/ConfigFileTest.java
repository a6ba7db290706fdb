package io.scalpsignals.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.udf.features.FeatureConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;

class ConfigFileTest {

    @TempDir Path dir;

    @Test
    void readsYamlAndKeepsDefaultsForAbsentKeys() throws IOException {
        Path f = Files.writeString(dir.resolve("c.yaml"), "bar_sec: 60\nsession_time_zone: America/New_York\nsession_start: \"09:30\"\n");

        FeatureConfig c = ConfigFile.load(f);

        assertThat(c)
                .isEqualTo(new FeatureConfig(60, ZoneId.of("America/New_York"), LocalTime.of(9, 30), 300, 3900, 300));
    }

    @Test
    void readsProperties() throws IOException {
        Path f = Files.writeString(dir.resolve("c.properties"), "history_sec=4200\nvolume_window_sec=600\n");

        FeatureConfig c = ConfigFile.load(f);

        assertThat(c.historySec()).isEqualTo(4200);
        assertThat(c.volumeWindowSec()).isEqualTo(600);
        assertThat(c.barSec()).isEqualTo(15);
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

        assertThatThrownBy(() -> ConfigFile.load(notInt)).hasMessageEndingWith("bar_sec: must be an integer, got 'fifteen'");
        assertThatThrownBy(() -> ConfigFile.load(tooLong)).hasMessageEndingWith("bar_sec: must be between 1 and 86400, got 86401");
        assertThatThrownBy(() -> ConfigFile.load(zone)).hasMessageEndingWith("session_time_zone: unknown time zone 'Mars/Olympus'");
    }
}
