package io.scalpsignals.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;

/** The project's one Jackson {@link JsonFactory} (thread-safe, shared). */
public final class Json {

    /**
     * Reads and writes the wire JSON. Records larger than a Kafka message are refused by
     * Jackson's read constraints and become dead letters, never an out-of-memory error.
     */
    public static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxStringLength(16 * 1024 * 1024)
                                    .maxNestingDepth(64)
                                    .build())
                    .build();

    private Json() {}
}
