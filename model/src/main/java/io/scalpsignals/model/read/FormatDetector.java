package io.scalpsignals.model.read;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides the {@link TickFormat} of a file from its first bytes (after decompression) and its
 * name, for {@code --format auto}.
 *
 * <ol>
 *   <li>an empty (or blank) file is JSON lines: it holds no record in any format;
 *   <li>a first non-blank {@code [} is freqtrade, a {@code {} is JSON lines;
 *   <li>a header {@code exchange,symbol,timestamp,local_timestamp,...} is tardis;
 *   <li>a header {@code timestamp,price,amount} is bitstamp;
 *   <li>a header {@code timestamp,symbol,side,size,price,...} is bybit;
 *   <li>a header {@code agg_trade_id,price,quantity,...}, or a first line of seven numeric fields
 *       in a file named {@code *-aggTrades-*}, is binance-aggtrades;
 *   <li>a header naming {@code ts}, {@code price} and {@code size} is csv.
 * </ol>
 */
public final class FormatDetector {

    private FormatDetector() {}

    /**
     * @param name the file name, used in the error message
     * @param head the first bytes of the decompressed file
     * @throws IllegalArgumentException when no rule matches
     */
    public static TickFormat detect(String name, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading();
        if (trimmed.isEmpty()) {
            return TickFormat.JSONL;
        }
        if (trimmed.startsWith("[")) {
            return TickFormat.FREQTRADE;
        }
        if (trimmed.startsWith("{")) {
            return TickFormat.JSONL;
        }
        int eol = text.indexOf('\n');
        String header = (eol >= 0 ? text.substring(0, eol) : text).strip().toLowerCase(Locale.ROOT);
        if (header.startsWith("exchange,symbol,timestamp,local_timestamp")) {
            return TickFormat.TARDIS;
        }
        if (header.replace(" ", "").equals("timestamp,price,amount")) {
            return TickFormat.BITSTAMP;
        }
        if (header.startsWith("timestamp,symbol,side,size,price")) {
            return TickFormat.BYBIT;
        }
        if (header.startsWith("agg_trade_id,price,quantity")
                || (name.contains("-aggTrades-") && header.matches("\\d+(,[^,]*){6}"))) {
            return TickFormat.BINANCE_AGGTRADES;
        }
        CsvColumns columns = CsvColumns.parseHeader(header);
        if (columns.has("ts") && columns.has("price") && columns.has("size")) {
            return TickFormat.CSV;
        }
        throw new IllegalArgumentException("cannot tell the format of "
                + name
                + " from its first line '"
                + Numbers.abbreviate(header)
                + "'; give the format option: csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades");
    }
}
