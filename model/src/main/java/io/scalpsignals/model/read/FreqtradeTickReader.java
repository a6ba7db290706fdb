package io.scalpsignals.model.read;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.Json;
import io.scalpsignals.model.read.Numbers.TimeUnitScale;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;

/**
 * Streams a freqtrade trades file: one JSON array of {@code [timestamp_ms, id, type, side, price,
 * amount, cost]} elements, usually on a single line. A dead letter's source is {@code
 * file:N} with N the 1-based element number, since the line number says nothing here.
 */
final class FreqtradeTickReader extends TickReader {

    private final JsonParser parser;
    private final FailureAwareInputStream guarded;
    private final String symbol;
    private long element;
    private boolean finished;

    FreqtradeTickReader(InputStream in, FailureAwareInputStream guarded, String sourceName, String symbol)
            throws IOException {
        super(sourceName);
        this.guarded = guarded;
        this.symbol = symbol;
        this.parser = Json.FACTORY.createParser(in);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            parser.close();
            throw new IllegalArgumentException(sourceName + ": not a freqtrade JSON array: " + e.getOriginalMessage());
        }
        if (first != JsonToken.START_ARRAY) {
            parser.close();
            throw new IllegalArgumentException(sourceName + ": a freqtrade file is one JSON array");
        }
    }

    @Override
    @Nullable
    protected ReadResult readNext() {
        if (finished) {
            return null;
        }
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY) {
                finished = true;
                return null;
            }
            element++;
            if (t == null) {
                finished = true;
                if (guarded.failure() != null) {
                    return unreadable(element, guarded.failure(), "");
                }
                return ReadResult.rejected(
                        DeadLetterReason.UNPARSABLE, "the array is not closed", "", sourceName + ":" + element);
            }
            StringWriter raw = new StringWriter(96);
            try (JsonGenerator g = Json.FACTORY.createGenerator(raw)) {
                g.copyCurrentStructure(parser);
            }
            return parseElement(raw.toString(), sourceName + ":" + element);
        } catch (JsonProcessingException e) {
            finished = true;
            if (guarded.failure() != null) {
                return unreadable(element, guarded.failure(), "");
            }
            return ReadResult.rejected(
                    DeadLetterReason.UNPARSABLE,
                    "bad JSON, the rest of the file is skipped: " + e.getOriginalMessage(),
                    "",
                    sourceName + ":" + element);
        } catch (IOException e) {
            finished = true;
            return unreadable(element, e, "");
        }
    }

    private ReadResult parseElement(String raw, String source) {
        try (JsonParser p = Json.FACTORY.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return ReadResult.rejected(DeadLetterReason.UNPARSABLE, "element is not an array", raw, source);
            }
            String[] fields = new String[7];
            JsonToken[] kinds = new JsonToken[7];
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (n < fields.length) {
                    kinds[n] = t;
                    fields[n] = t.isScalarValue() ? p.getText() : null;
                }
                p.skipChildren();
                n++;
            }
            if (n < 6) {
                return ReadResult.rejected(
                        DeadLetterReason.MISSING_FIELD,
                        "element has " + n + " of 7 fields [timestamp, id, type, side, price, amount, cost]",
                        raw,
                        source);
            }
            long ts;
            try {
                ts = Numbers.parseEpoch(numeric(fields[0], kinds[0]), TimeUnitScale.MILLIS);
            } catch (NumberFormatException | ArithmeticException e) {
                return ReadResult.rejected(DeadLetterReason.BAD_TS, "timestamp: " + e.getMessage(), raw, source);
            }
            double price;
            double size;
            try {
                price = Numbers.parseDouble(numeric(fields[4], kinds[4]));
                size = Numbers.parseDouble(numeric(fields[5], kinds[5]));
            } catch (NumberFormatException e) {
                return ReadResult.rejected(DeadLetterReason.BAD_NUMBER, e.getMessage(), raw, source);
            }
            String side = kinds[3] == JsonToken.VALUE_STRING ? CsvLineParser.side(fields[3]) : null;
            return Ticks.validated(
                    new Tick(symbol, ts, price, size, side, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                    raw,
                    source);
        } catch (IOException e) {
            return ReadResult.rejected(DeadLetterReason.UNPARSABLE, "bad JSON element", raw, source);
        }
    }

    private static String numeric(@Nullable String text, JsonToken kind) {
        if (text == null || !(kind.isNumeric() || kind == JsonToken.VALUE_STRING)) {
            throw new NumberFormatException("expected a number, got " + kind);
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
