package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;

/** Reads the line-oriented formats: csv, bitstamp and tardis (after a header), and JSON lines. */
final class LineTickReader extends TickReader {

    private final InputStream in;
    private final ByteLines lines;
    private final FailureAwareInputStream guarded;
    @Nullable private final LineParser parser;
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
            boolean hasHeader = lines.next(pending);
            lineNo = 1;
            this.parser =
                    hasHeader ? CsvLineParser.forHeader(format, pending.text(), sourceName, symbol) : null;
        }
        this.hasPending = parser != null && lines.next(pending);
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
