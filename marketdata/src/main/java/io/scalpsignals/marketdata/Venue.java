package io.scalpsignals.marketdata;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The venues whose public market data {@code scalp download} and {@code scalp ingest} read, with
 * their documented endpoints as defaults (a test or a testnet passes others).
 */
public enum Venue {
    /**
     * Bybit: daily trade archives at {@code public.bybit.com/trading/<SYMBOL>/<SYMBOL><yyyy-MM-dd>.csv.gz}
     * (no checksum published); v5 public WebSocket, linear contracts.
     */
    BYBIT("https://public.bybit.com", "wss://stream.bybit.com/v5/public/linear"),
    /**
     * Binance USD-M futures: daily aggregated trades at {@code data.binance.vision/data/futures/um/
     * daily/aggTrades/<SYMBOL>/<SYMBOL>-aggTrades-<yyyy-MM-dd>.zip} with a {@code .CHECKSUM} (SHA-256)
     * beside each; market streams at {@code fstream.binance.com}.
     */
    BINANCE("https://data.binance.vision", "wss://fstream.binance.com");

    private final String archiveUrl;
    private final String streamUrl;

    Venue(String archiveUrl, String streamUrl) {
        this.archiveUrl = archiveUrl;
        this.streamUrl = streamUrl;
    }

    /** The archives' base URL (no trailing slash). */
    public String archiveUrl() {
        return archiveUrl;
    }

    /** The public WebSocket's base URL. */
    public String streamUrl() {
        return streamUrl;
    }

    /** The name of {@code symbol}'s archive of {@code day}, as the venue names it. */
    public String fileName(String symbol, LocalDate day) {
        return switch (this) {
            case BYBIT -> symbol + day + ".csv.gz";
            case BINANCE -> symbol + "-aggTrades-" + day + ".zip";
        };
    }

    /** The archive's path under {@link #archiveUrl()}. */
    public String archivePath(String symbol, LocalDate day) {
        return switch (this) {
            case BYBIT -> "/trading/" + symbol + "/" + fileName(symbol, day);
            case BINANCE -> "/data/futures/um/daily/aggTrades/" + symbol + "/" + fileName(symbol, day);
        };
    }

    /** The published checksum's path ({@code <archive>.CHECKSUM}, SHA-256), or null where none is published. */
    public String checksumPath(String symbol, LocalDate day) {
        return this == BINANCE ? archivePath(symbol, day) + ".CHECKSUM" : null;
    }

    /** The option's value: {@code bybit} or {@code binance}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the venues known
     */
    public static Venue parse(String name) {
        return Arrays.stream(values())
                .filter(v -> v.optionName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--venue: unknown '" + name + "' (expected "
                        + Arrays.stream(values()).map(Venue::optionName).collect(Collectors.joining(", ")) + ")"));
    }
}
