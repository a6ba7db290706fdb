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
    @Nullable private final LineParser parser;
    private long lineNo;
    private boolean failed;

    LineTickReader(InputStream in, String sourceName, TickFormat format, @Nullable String symbol)
            throws IOException {
        super(sourceName);
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        if (format == TickFormat.JSONL) {
            this.parser = new JsonLineParser(symbol);
        } else {
            String header = reader.readLine();
            lineNo = 1;
            this.parser =
                    header == null ? null : CsvLineParser.forHeader(format, header, sourceName, symbol);
        }
    }

    @Override
    @Nullable
    protected ReadResult readNext() {
        if (failed || parser == null) {
            return null;
        }
        try {
            String line = reader.readLine();
            if (line == null) {
                return null;
            }
            lineNo++;
            return parser.parse(line, new LineParser.SourceRef(sourceName, lineNo));
        } catch (IOException e) {
            failed = true;
            return unreadable(lineNo + 1, e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
