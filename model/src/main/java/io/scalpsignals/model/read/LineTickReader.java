package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the line-oriented formats: csv, bitstamp, tardis, bybit and binance-aggtrades (after a
 * header; Binance's older files have none and start with data), and JSON lines.
 */
final class LineTickReader extends TickReader {

    /** The columns of Binance's aggTrades files, which older files do not name. */
    static final String BINANCE_AGGTRADES_HEADER =
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker";

    private final InputStream in;
    private final ByteLines lines;
    private final FailureAwareInputStream guarded;

    @Nullable
    private final LineParser parser;
    /** The line handed to the parser, and one line of lookahead, to know whether a line is the last (possibly cut) one. */
    private final Line line = new Line();

    private final Line pending = new Line();
    private boolean hasPending;
    private long lineNo;
    private boolean done;

    LineTickReader(
            InputStream in,
            FailureAwareInputStream guarded,
            String sourceName,
            TickFormat format,
            @Nullable String symbol)
            throws IOException {
        super(sourceName);
        this.in = in;
        this.guarded = guarded;
        this.lines = new ByteLines(in);
        if (format == TickFormat.JSONL) {
            this.parser = new JsonLineParser(symbol);
        } else {
            boolean hasFirst = lines.next(pending);
            boolean headerless = hasFirst && format == TickFormat.BINANCE_AGGTRADES && startsWithDigit(pending.text());
            lineNo = headerless ? 0 : 1;
            this.parser = !hasFirst
                    ? null
                    : CsvLineParser.forHeader(
                            format, headerless ? BINANCE_AGGTRADES_HEADER : pending.text(), sourceName, symbol);
            if (headerless) {
                this.hasPending = true; // the first line is a trade
                return;
            }
        }
        this.hasPending = parser != null && lines.next(pending);
    }

    private static boolean startsWithDigit(String line) {
        String s = line.strip();
        return !s.isEmpty() && Character.isDigit(s.charAt(0));
    }

    @Override
    @Nullable
    protected ReadResult readNext() {
        if (done) {
            return null;
        }
        try {
            if (!hasPending) {
                done = true;
                IOException failure = guarded.failure();
                return failure == null ? null : unreadable(lineNo + 1, failure, "");
            }
            line.swap(pending);
            hasPending = lines.next(pending);
            lineNo++;
            if (!hasPending && guarded.failedInsideLine()) {
                done = true;
                return unreadable(lineNo, guarded.failure(), line.text());
            }
            return parser.parse(line, new LineParser.SourceRef(sourceName, lineNo));
        } catch (IOException e) {
            done = true;
            return unreadable(lineNo + 1, e, "");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
