package io.scalpsignals.executor.config;

import io.scalpsignals.model.json.Json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The executor's one Jackson mapper, on the project's {@link Json#FACTORY} and its read limits. */
public final class ExecutorJson {

    /** Thread-safe once built; never reconfigured. */
    public static final ObjectMapper MAPPER = new ObjectMapper(Json.FACTORY);

    private ExecutorJson() {}
}
