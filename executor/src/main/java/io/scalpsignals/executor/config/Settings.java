package io.scalpsignals.executor.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import javax.annotation.Nullable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Settings records with {@code snake_case} keys ({@link ExecutorConfig}, the options scalp's
 * settings): a YAML file's keys, then {@code KEY=VALUE} overrides, over the defaults. Strict: an
 * unknown key, a null, a fraction for a whole number or a text for a number fails, naming the
 * key; the record's own constructor checks the domain.
 */
public final class Settings {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private Settings() {}

    /** A strict reader of {@code type}: every key present (the base fills them), no null or fractional value for a whole number. */
    public static ObjectReader reader(Class<?> type) {
        return JSON.readerFor(type)
                .with(
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * {@code base} with {@code overrides} (key to value; a string value is converted to the key's
     * type when the key is a number or a boolean).
     *
     * @param where the source named in messages (a file, an option), ending in ": ", or empty
     * @throws IllegalArgumentException naming an unknown key (and the known ones) or a bad value
     */
    public static <T> T with(T base, Map<String, ?> overrides, ObjectReader reader, String where) {
        return merge(base, JSON.valueToTree(overrides), reader, where);
    }

    /**
     * {@code base} with a YAML file's keys; an empty file changes nothing.
     *
     * @throws IllegalArgumentException naming the file and the unknown key or bad value, or why
     *     the file cannot be read
     */
    public static <T> T load(T base, Path yaml, ObjectReader reader) {
        JsonNode file;
        try {
            file = new YAMLMapper().readTree(yaml.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(yaml + ": cannot read (" + e.getMessage() + ")");
        }
        if (file == null || file.isMissingNode() || file.isNull()) {
            return base;
        }
        if (!file.isObject()) {
            throw new IllegalArgumentException(yaml + ": expected keys and values, got " + file.getNodeType());
        }
        return merge(base, (ObjectNode) file, reader, yaml + ": ");
    }

    private static <T> T merge(T base, ObjectNode overrides, ObjectReader reader, String where) {
        ObjectNode merged = JSON.valueToTree(base);
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> keys = overrides.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!merged.has(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + "unknown key " + String.join(", ", unknown) + " (known: "
                    + String.join(", ", known(merged)) + ")");
        }
        overrides
                .fields()
                .forEachRemaining(e -> merged.set(
                        e.getKey(),
                        e.getValue().isTextual() && !merged.get(e.getKey()).isTextual()
                                ? parsed(e.getKey(), e.getValue(), where)
                                : e.getValue()));
        try {
            return reader.readValue(merged);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(where + bad.getMessage(), e);
            }
            String key = e.getPath().isEmpty() ? "" : e.getPath().get(0).getFieldName() + ": ";
            throw new IllegalArgumentException(where + key + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    /** A string override of a number or boolean key, as that type. */
    private static JsonNode parsed(String key, JsonNode text, String where) {
        String v = text.asText().strip();
        if (v.equals("true") || v.equals("false")) {
            return JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(v));
        }
        try {
            return v.matches("[+-]?\\d+")
                    ? JSON.getNodeFactory().numberNode(Long.parseLong(v))
                    : JSON.getNodeFactory().numberNode(new BigDecimal(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + key + ": not a number or boolean: '" + v + "'");
        }
    }

    private static TreeSet<String> known(ObjectNode keys) {
        TreeSet<String> names = new TreeSet<>();
        keys.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code key: must be > 0, got value} unless {@code value > 0}. */
    public static void positive(String key, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(key + ": must be > 0, got " + value);
        }
    }

    /** Unless {@code lo <= value < hi}: {@code key: must be in [lo, hi), got value}. */
    public static void fraction(String key, double value, double lo, double hi) {
        if (!(value >= lo && value < hi)) {
            throw new IllegalArgumentException(key + ": must be in [" + lo + ", " + hi + "), got " + value);
        }
    }

    /** Unless {@code value >= 0}: {@code key: must be >= 0, got value}. */
    public static void notNegative(String key, @Nullable Number value) {
        if (value == null || value.doubleValue() < 0) {
            throw new IllegalArgumentException(key + ": must be >= 0, got " + value);
        }
    }
}
