package io.scalpsignals.job.config;

import io.scalpsignals.udf.config.StrategyConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsFactory;
import com.fasterxml.jackson.dataformat.javaprop.JavaPropsMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the strategy configuration of {@code --config FILE} into a {@link StrategyConfig}: YAML
 * ({@code .yaml}, {@code .yml}) or Java properties (any other name), flat {@code snake_case} keys,
 * each optional with SPEC.md's default. {@code deploy/config/strategy.yaml} lists every key.
 *
 * <p>An unknown key or a bad value fails with an {@link IllegalArgumentException} naming the file
 * and the key.
 */
public final class ConfigFile {

    private ConfigFile() {}

    /** The mapper for {@code file}'s syntax, binding snake_case keys strictly. */
    private static ObjectMapper mapper(Path file) {
        String name = file.getFileName().toString();
        return configure(
                name.endsWith(".yaml") || name.endsWith(".yml")
                        ? YAMLMapper.builder()
                                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                                .build()
                        : new JavaPropsMapper());
    }

    private static ObjectMapper configure(ObjectMapper m) {
        return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /**
     * @param file the configuration file; its keys override SPEC.md's defaults
     * @return a validated configuration
     * @throws IllegalArgumentException for an unreadable file, an unknown key or a bad value
     */
    public static StrategyConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("config " + file + ": no such file");
        }
        return read("config " + file + ": ", StrategyConfig.defaults(), mapper(file), m -> m.readValue(file.toFile()));
    }

    /**
     * {@code values} (keys as in a config file, values as text) on top of {@code base}, which is
     * updated in place, validated again.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, naming it
     */
    public static StrategyConfig override(StrategyConfig base, Map<String, String> values) {
        if (values.isEmpty()) {
            return base;
        }
        ObjectMapper props = configure(new JavaPropsMapper());
        return read("", base, props, m -> m.readValue(((JavaPropsFactory) props.getFactory()).createParser(values)));
    }

    /** Reads into {@code base} and validates, turning every failure into a message naming the key. */
    private static StrategyConfig read(String where, StrategyConfig base, ObjectMapper mapper, Source source) {
        StrategyConfig config;
        try {
            config = source.read(mapper.readerForUpdating(base));
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(
                    where + "unknown key '" + e.getPropertyName() + "' (known: " + String.join(", ", keys()) + ")");
        } catch (JsonMappingException e) {
            String key = e.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName)
                    .collect(Collectors.joining("."));
            throw new IllegalArgumentException(where + "key '" + key + "': " + e.getOriginalMessage());
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(where + "cannot parse: " + reason);
        }
        if (config == null) {
            return StrategyConfig.defaults().validate();
        }
        try {
            return config.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Source {
        StrategyConfig read(ObjectReader reader) throws IOException;
    }

    /** The configuration as the flat key-value map a config file holds (for the start-up log). */
    public static Map<String, Object> describe(StrategyConfig config) {
        return json().convertValue(config, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    /** Every key a config file may hold, sorted. */
    public static TreeSet<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        Iterator<String> it = json().valueToTree(StrategyConfig.defaults()).fieldNames();
        it.forEachRemaining(keys::add);
        return keys;
    }

    private static ObjectMapper json() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
    }
}
