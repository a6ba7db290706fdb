package io.scalpsignals.model.read;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.Numbers.TimeUnitScale;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import javax.annotation.Nullable;

/**
 * Parses the comma-separated formats: {@code csv}, {@code bitstamp}, {@code tardis}, {@code bybit}
 * and {@code binance-aggtrades}.
 */
final class CsvLineParser implements LineParser {

    private final int columns;
    private final int symbolCol;
    private final int tsCol;
    private final int priceCol;
    private final int sizeCol;
    private final int sideCol;
    /** Binance's {@code is_buyer_maker}: true when the taker sold. */
    private final int makerCol;

    private final int bidCol;
    private final int askCol;
    private final int bidSizeCol;
    private final int askSizeCol;
    private final TimeUnitScale tsScale;

    @Nullable
    private final String defaultSymbol;
    /** The fast path's field bounds and symbols, reused: a parser belongs to one reader. */
    private final int[] from;

    private final int[] to;
    private final SymbolCache symbols = new SymbolCache();
    private boolean failed;

    private CsvLineParser(
            CsvColumns header,
            String symbol,
            String ts,
            String price,
            String size,
            TimeUnitScale tsScale,
            @Nullable String defaultSymbol) {
        this.columns = header.count();
        this.symbolCol = header.position(symbol);
        this.tsCol = header.position(ts);
        this.priceCol = header.position(price);
        this.sizeCol = header.position(size);
        this.sideCol = header.position("side");
        this.makerCol = header.position("is_buyer_maker");
        this.bidCol = header.position("bid");
        this.askCol = header.position("ask");
        this.bidSizeCol = header.position("bid_size");
        this.askSizeCol = header.position("ask_size");
        this.tsScale = tsScale;
        this.defaultSymbol = defaultSymbol;
        this.from = new int[columns];
        this.to = new int[columns];
    }

    /**
     * @throws IllegalArgumentException when the header lacks a required column
     */
    static CsvLineParser forHeader(TickFormat format, String header, String sourceName, @Nullable String symbol) {
        CsvColumns cols = CsvColumns.parseHeader(header);
        CsvLineParser parser = switch (format) {
            case CSV -> new CsvLineParser(cols, "symbol", "ts", "price", "size", TimeUnitScale.MILLIS, symbol);
            case BITSTAMP ->
                new CsvLineParser(
                        cols,
                        "symbol",
                        "timestamp",
                        "price",
                        "amount",
                        TimeUnitScale.SECONDS,
                        symbol != null ? symbol : "BTCUSD");
            case TARDIS ->
                new CsvLineParser(cols, "symbol", "timestamp", "price", "amount", TimeUnitScale.MICROS, symbol);
            case BYBIT ->
                new CsvLineParser(cols, "symbol", "timestamp", "price", "size", TimeUnitScale.SECONDS, symbol);
            case BINANCE_AGGTRADES ->
                new CsvLineParser(cols, "symbol", "transact_time", "price", "quantity", TimeUnitScale.MILLIS, symbol);
            default -> throw new IllegalArgumentException(format + " is not a comma-separated format");
        };
        String missing = parser.missingColumn(format);
        if (missing != null) {
            throw new IllegalArgumentException(sourceName
                    + ": the "
                    + format.cliName()
                    + " header lacks column '"
                    + missing
                    + "' (header: '"
                    + Numbers.abbreviate(header.strip())
                    + "')");
        }
        return parser;
    }

    @Nullable
    private String missingColumn(TickFormat format) {
        if (tsCol < 0) {
            return switch (format) {
                case CSV -> "ts";
                case BINANCE_AGGTRADES -> "transact_time";
                default -> "timestamp";
            };
        }
        if (priceCol < 0) {
            return "price";
        }
        if (sizeCol < 0) {
            return switch (format) {
                case CSV, BYBIT -> "size";
                case BINANCE_AGGTRADES -> "quantity";
                default -> "amount";
            };
        }
        if (symbolCol < 0 && defaultSymbol == null) {
            return "symbol (or pass --symbol)";
        }
        return null;
    }

    @Override
    public ReadResult parse(String line, SourceRef source) {
        if (line.isBlank()) {
            return ReadResult.rejected(DeadLetterReason.UNPARSABLE, "empty line", line, source.toString());
        }
        String[] f = CsvLines.split(line, columns);
        if (f.length < columns) {
            return ReadResult.rejected(
                    DeadLetterReason.MISSING_FIELD,
                    "line has " + f.length + " of the header's " + columns + " columns",
                    line,
                    source.toString());
        }
        if (f.length > columns) {
            return ReadResult.rejected(
                    DeadLetterReason.UNPARSABLE,
                    "line has " + f.length + " columns, the header " + columns,
                    line,
                    source.toString());
        }
        String symbol = symbolCol >= 0 && !f[symbolCol].isEmpty() ? f[symbolCol] : defaultSymbol;
        if (symbol == null) {
            return missing("symbol", line, source);
        }
        String tsText = f[tsCol];
        String priceText = f[priceCol];
        String sizeText = f[sizeCol];
        if (tsText.isEmpty()) {
            return missing("ts", line, source);
        }
        if (priceText.isEmpty()) {
            return missing("price", line, source);
        }
        if (sizeText.isEmpty()) {
            return missing("size", line, source);
        }
        long ts;
        double price;
        double size;
        double bid;
        double ask;
        double bidSize;
        double askSize;
        try {
            ts = Numbers.parseEpoch(tsText, tsScale);
        } catch (NumberFormatException | ArithmeticException e) {
            return ReadResult.rejected(DeadLetterReason.BAD_TS, "ts: " + e.getMessage(), line, source.toString());
        }
        String field = "price";
        try {
            price = Numbers.parseDouble(priceText);
            field = "size";
            size = Numbers.parseDouble(sizeText);
            field = "bid";
            bid = optional(f, bidCol);
            field = "ask";
            ask = optional(f, askCol);
            field = "bid_size";
            bidSize = optional(f, bidSizeCol);
            field = "ask_size";
            askSize = optional(f, askSizeCol);
        } catch (NumberFormatException e) {
            return ReadResult.rejected(
                    DeadLetterReason.BAD_NUMBER, field + ": " + e.getMessage(), line, source.toString());
        }
        String side = sideCol >= 0 ? side(f[sideCol]) : makerCol >= 0 ? takerSide(f[makerCol]) : null;
        return Ticks.validated(new Tick(symbol, ts, price, size, side, bid, ask, bidSize, askSize), line, source);
    }

    /**
     * The bytes of a line, parsed without a string per field when the line is ASCII and its tick
     * valid; any other line takes {@link #parse(String, SourceRef)}, which decides the same way
     * and writes the dead letter. The numbers are the same doubles: {@code JavaDoubleParser} is
     * correctly rounded, as {@link Double#parseDouble} is.
     */
    @Override
    public ReadResult parse(Line line, SourceRef source) {
        ReadResult r = line.isAscii() ? fast(line.bytes, line.length) : null;
        return r != null ? r : parse(line.text(), source);
    }

    @Nullable
    private ReadResult fast(byte[] b, int n) {
        int count = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || b[i] == ',') {
                if (count == columns) {
                    return null;
                }
                int s = start;
                int e = i;
                while (s < e && isSpace(b[s])) {
                    s++;
                }
                while (e > s && isSpace(b[e - 1])) {
                    e--;
                }
                if (e - s >= 2 && b[s] == '"' && b[e - 1] == '"') {
                    s++;
                    e--;
                }
                from[count] = s;
                to[count] = e;
                count++;
                start = i + 1;
            }
        }
        if (count != columns) {
            return null;
        }
        String symbol = symbolCol >= 0 && to[symbolCol] > from[symbolCol]
                ? symbols.get(b, from[symbolCol], to[symbolCol])
                : defaultSymbol;
        if (symbol == null) {
            return null;
        }
        long ts = Numbers.plainEpoch(b, from[tsCol], to[tsCol], tsScale);
        if (ts == Long.MIN_VALUE || to[priceCol] == from[priceCol] || to[sizeCol] == from[sizeCol]) {
            return null;
        }
        failed = false;
        double price = number(b, priceCol);
        double size = number(b, sizeCol);
        double bid = number(b, bidCol);
        double ask = number(b, askCol);
        double bidSize = number(b, bidSizeCol);
        double askSize = number(b, askSizeCol);
        if (failed) {
            return null;
        }
        String side = sideCol >= 0
                ? side(b, from[sideCol], to[sideCol])
                : makerCol >= 0 ? takerSide(b, from[makerCol], to[makerCol]) : null;
        Tick tick = new Tick(symbol, ts, price, size, side, bid, ask, bidSize, askSize);
        return TickValidator.check(tick) == null ? ReadResult.accepted(tick) : null;
    }

    /** Field {@code col} as a double, NaN when absent or empty; sets {@link #failed} when not a plain decimal. */
    private double number(byte[] b, int col) {
        if (col < 0 || to[col] == from[col]) {
            return Double.NaN;
        }
        if (!Numbers.isDecimal(b, from[col], to[col])) {
            failed = true;
            return Double.NaN;
        }
        return JavaDoubleParser.parseDouble(b, from[col], to[col] - from[col]);
    }

    /** {@link String#strip()}'s whitespace, for ASCII. */
    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
    }

    @Nullable
    private static String side(byte[] b, int from, int to) {
        if (equalsIgnoreCase(b, from, to, "buy")) {
            return "buy";
        }
        return equalsIgnoreCase(b, from, to, "sell") ? "sell" : null;
    }

    private static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((b[from + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Nullable
    private static String takerSide(byte[] b, int from, int to) {
        if (equalsIgnoreCase(b, from, to, "true")) {
            return "sell";
        }
        return equalsIgnoreCase(b, from, to, "false") ? "buy" : null;
    }

    /** The taker's side from Binance's {@code is_buyer_maker}: the buyer made the book, so the taker sold. */
    @Nullable
    private static String takerSide(String isBuyerMaker) {
        if ("true".equalsIgnoreCase(isBuyerMaker.strip())) {
            return "sell";
        }
        return "false".equalsIgnoreCase(isBuyerMaker.strip()) ? "buy" : null;
    }

    private static double optional(String[] f, int col) {
        if (col < 0 || f[col].isEmpty()) {
            return Double.NaN;
        }
        return Numbers.parseDouble(f[col]);
    }

    @Nullable
    static String side(@Nullable String text) {
        if ("buy".equalsIgnoreCase(text)) {
            return "buy";
        }
        return "sell".equalsIgnoreCase(text) ? "sell" : null;
    }

    private static ReadResult missing(String field, String line, SourceRef source) {
        return ReadResult.rejected(DeadLetterReason.MISSING_FIELD, field + " is missing", line, source.toString());
    }
}
