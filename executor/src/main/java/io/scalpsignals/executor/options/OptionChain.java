package io.scalpsignals.executor.options;

import io.scalpsignals.executor.ExecutorJson;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest quote of every option contract, refreshed as snapshots arrive: a quote replaces the
 * contract's previous one when its {@code ts} is not older. Quotes are kept per underlying; how old
 * a quote may be when a decision uses it is the selector's business ({@link
 * OptionsConfig#maxChainAgeSec()}).
 */
public final class OptionChain {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private final Map<String, Map<String, OptionQuote>> byUnderlying = new HashMap<>();

    /** Adds a snapshot's quote; an older quote of the same contract than the one held is ignored. */
    public void add(OptionQuote q) {
        byUnderlying.computeIfAbsent(q.underlying(), u -> new HashMap<>())
                .merge(q.optionSymbol(), q, (held, fresh) -> fresh.ts() >= held.ts() ? fresh : held);
    }

    /** The latest quote of every contract on {@code underlying}, in no particular order. */
    public List<OptionQuote> quotes(String underlying) {
        return new ArrayList<>(byUnderlying.getOrDefault(underlying, Map.of()).values());
    }

    /**
     * Reads a chain file, one JSON object per line ({@link OptionQuote#of}).
     *
     * @throws IllegalArgumentException naming the line and field of a bad record
     */
    public static List<OptionQuote> read(Path file) throws IOException {
        List<OptionQuote> quotes = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    quotes.add(OptionQuote.of(JSON.readTree(line)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        }
        return quotes;
    }
}
