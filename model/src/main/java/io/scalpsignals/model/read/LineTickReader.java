package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads the line-oriented formats: csv, bitstamp and tardis (after a header), and JSON lines. */
final class LineTickReader extends TickReader {

    private final BufferedReader reader;
    private final FailureAwareInputStream guarded;
    @Nullable private final LineParser parser;
    /** One line of lookahead, to know whether a line is the last (possibly cut) one. */
    @Nullable private String pending;
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
        this.guarded = guarded;
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        if (format == TickFormat.JSONL) {
            this.parser = new JsonLineParser(symbol);
        } else {
            String header = reader.readLine();
            lineNo = 1;
            this.parser =
                    header == null ? null : CsvLineParser.forHeader(format, header, sourceName, symbol);
        }
        this.pending = parser == null ? null : reader.readLine();
    }

    @Override
    @Nullable
    protected ReadResult readNext() {
        if (done) {
            return null;
        }
        try {
            String line = pending;
            if (line == null) {
                done = true;
                IOException failure = guarded.failure();
                return failure == null ? null : unreadable(lineNo + 1, failure, "");
            }
            pending = reader.readLine();
            lineNo++;
            if (pending == null && guarded.failedInsideLine()) {
                done = true;
                return unreadable(lineNo, guarded.failure(), line);
            }
            return parser.parse(line, new LineParser.SourceRef(sourceName, lineNo));
        } catch (IOException e) {
            done = true;
            return unreadable(lineNo + 1, e, "");
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
