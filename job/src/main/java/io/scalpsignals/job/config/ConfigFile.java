package io.scalpsignals.job.config;

import io.scalpsignals.udf.features.FeatureConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the strategy configuration file of {@code --config FILE}: YAML ({@code .yaml}, {@code
 * .yml}) or Java properties (any other name), flat {@code snake_case} keys. Every key is
 * optional and defaults to SPEC.md's value:
 *
 * <pre>
 * bar_sec: 15                      # bar length, 1 to 86400
 * session_time_zone: UTC           # VWAP session zone, e.g. America/New_York
 * session_start: "00:00"           # VWAP session local start, e.g. "09:30"
 * volume_window_sec: 300           # current volume window (whole minutes)
 * history_sec: 3900                # reference/baseline horizon
 * crash_guard_window_sec: 300      # ret_5m window
 * </pre>
 *
 * An unknown key or a bad value fails with an {@link IllegalArgumentException} naming the file
 * and the key.
 */
public final class ConfigFile {

    public static final Set<String> KEYS =
            Set.of(
                    "bar_sec",
                    "session_time_zone",
                    "session_start",
                    "volume_window_sec",
                    "history_sec",
                    "crash_guard_window_sec");

    private ConfigFile() {}

    /**
     * @throws IllegalArgumentException for an unreadable file, an unknown key or a bad value
     */
    public static FeatureConfig load(Path file) {
        Map<String, String> values = read(file);
        FeatureConfig d = FeatureConfig.defaults();
        try {
            return new FeatureConfig(
                    intValue(values, "bar_sec", d.barSec()),
                    values.containsKey("session_time_zone")
                            ? FeatureConfig.zone(values.get("session_time_zone"))
                            : d.sessionZone(),
                    values.containsKey("session_start")
                            ? time(values.get("session_start"))
                            : d.sessionStart(),
                    intValue(values, "volume_window_sec", d.volumeWindowSec()),
                    intValue(values, "history_sec", d.historySec()),
                    intValue(values, "crash_guard_window_sec", d.crashGuardSec()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read(Path file) {
        String name = file.getFileName().toString();
        ObjectMapper mapper =
                name.endsWith(".yaml") || name.endsWith(".yml")
                        ? new YAMLMapper()
                        : new JavaPropsMapper();
        Map<String, Object> raw;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config " + file + ": no such file");
            }
            raw = mapper.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "config " + file + ": cannot parse: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "config "
                                + file
                                + ": unknown key '"
                                + e.getKey()
                                + "' (known: "
                                + String.join(", ", new TreeSet<>(KEYS))
                                + ")");
            }
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Iterable<?>) {
                throw new IllegalArgumentException(
                        "config " + file + ": key '" + e.getKey() + "' must be a single value");
            }
            values.put(e.getKey(), String.valueOf(e.getValue()).strip());
        }
        return values;
    }

    private static int intValue(Map<String, String> values, String key, int fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be an integer, got '" + v + "'");
        }
    }

    private static LocalTime time(String v) {
        try {
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("session_start: must be HH:MM, got '" + v + "'");
        }
    }
}
