package io.scalpsignals.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The project's one Jackson {@link JsonFactory} (thread-safe, shared). */
public final class Json {

    /**
     * Reads and writes the wire JSON. Records larger than a Kafka message are refused by
     * Jackson's read constraints and become dead letters, never an out-of-memory error. Doubles
     * are written with Jackson's Schubfach writer: the feature record is 15 doubles, and {@link
     * Double#toString} made its JSON 3.2 µs a record (BENCHMARKS.md). It writes the shortest
     * text that reads back as the same double.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNestingDepth(64)
                    .build())
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Json() {}
}
