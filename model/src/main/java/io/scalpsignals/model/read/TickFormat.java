package io.scalpsignals.model.read;

import java.util.Locale;

/**
 * Encodings of trade files accepted by the readers (SPEC.md §1 and §8).
 *
 * <ul>
 *   <li>{@link #CSV}: a header naming {@code symbol, ts, price, size} and optionally {@code side,
 *       bid, ask, bid_size, ask_size} in any order; {@code ts} in epoch ms.
 *   <li>{@link #JSONL}: one JSON object per line with the same field names.
 *   <li>{@link #BITSTAMP}: {@code timestamp} (epoch seconds), {@code price}, {@code amount}, the
 *       layout of {@code bitstamp_trades_from_20131125_usd.csv} in {@code
 *       org.ta4j:ta4j-examples}.
 *   <li>{@link #TARDIS}: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}
 *       with {@code timestamp} in epoch microseconds (tardis.dev trade CSV).
 *   <li>{@link #FREQTRADE}: a JSON array of {@code [timestamp_ms, id, type, side, price, amount,
 *       cost]} arrays (freqtrade's trades download).
 *   <li>{@link #AUTO}: decided per file from its name and first bytes, see {@link
 *       FormatDetector}.
 * </ul>
 *
 * Any of them may be gzip-compressed; compression is recognised by its magic bytes.
 */
public enum TickFormat {
    AUTO,
    CSV,
    JSONL,
    BITSTAMP,
    TARDIS,
    FREQTRADE;

    /**
     * The format named on a command line, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none
     */
    public static TickFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown format '"
                            + name
                            + "' (expected auto, csv, jsonl, bitstamp, tardis or freqtrade)");
        }
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
