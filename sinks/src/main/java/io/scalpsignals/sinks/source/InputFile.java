package io.scalpsignals.sinks.source;

import io.scalpsignals.model.read.TickFormat;

import javax.annotation.Nullable;

import java.io.Serializable;

/**
 * One trade file to read.
 *
 * @param path a path or URI that Flink's file systems resolve ({@code /data/t.csv}, {@code
 *     file:///data/t.csv.gz}); also the name used in dead-letter sources
 * @param format its encoding, or {@link TickFormat#AUTO}
 * @param symbol the symbol for records without one, or null (see {@link
 *     io.scalpsignals.model.read.TickReader#open})
 */
public record InputFile(
        String path, TickFormat format, @Nullable String symbol) implements Serializable {}
