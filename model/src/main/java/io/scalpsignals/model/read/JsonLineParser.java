package io.scalpsignals.model.read;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.Json;
import io.scalpsignals.model.read.Numbers.TimeUnitScale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Parses one tick JSON object (SPEC.md §1): {@code symbol} (string), {@code ts} (epoch ms),
 * {@code price} and {@code size} (numbers, or numeric strings as some venues send them), and
 * the optional {@code side}, {@code bid}, {@code ask}, {@code bid_size}, {@code ask_size}. Other
 * fields are ignored. Used for JSON-lines files and for Kafka records.
 */
public final class JsonLineParser implements LineParser, Serializable {

    private static final long serialVersionUID = 1L;

    @Nullable
    private final String defaultSymbol;

    /**
     * @param defaultSymbol the symbol of objects that carry none, or null to dead-letter them
     */
    public JsonLineParser(@Nullable String defaultSymbol) {
        this.defaultSymbol = defaultSymbol;
    }

    /**
     * Parses {@code text}; never throws.
     *
     * @param source where the record came from ({@code file:line}, {@code topic/partition/offset})
     */
    public ReadResult parse(String text, Object source) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            return parseObject(p, text, source);
        } catch (IOException | RuntimeException e) {
            return ReadResult.rejected(
                    DeadLetterReason.UNPARSABLE,
                    "not a JSON object: " + firstLine(e.getMessage()),
                    text,
                    source.toString());
        }
    }

    @Override
    public ReadResult parse(String line, SourceRef source) {
        return parse(line, (Object) source);
    }

    @Override
    public ReadResult parse(Line line, SourceRef source) {
        return parse(line.bytes, 0, line.length, source);
    }

    /**
     * As {@link #parse(String, Object)} on UTF-8 bytes: a valid tick is parsed from the bytes;
     * any other record is decoded and takes the text path, which writes its dead letter.
     */
    public ReadResult parse(byte[] bytes, int offset, int length, Object source) {
        try (JsonParser p = Json.FACTORY.createParser(bytes, offset, length)) {
            ReadResult r = parseObject(p, null, source);
            if (r != null) {
                return r;
            }
        } catch (IOException | RuntimeException e) {
            // the text path reports it
        }
        return parse(new String(bytes, offset, length, StandardCharsets.UTF_8), source);
    }

    /**
     * @param text the record's text for a dead letter, or null to return null instead of one
     */
    @Nullable
    private ReadResult parseObject(JsonParser p, @Nullable String text, Object source) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return reject(DeadLetterReason.UNPARSABLE, "not a JSON object", text, source);
        }
        String symbol = null;
        String side = null;
        long ts = 0;
        boolean hasTs = false;
        boolean hasPrice = false;
        boolean hasSize = false;
        double price = Double.NaN;
        double size = Double.NaN;
        double bid = Double.NaN;
        double ask = Double.NaN;
        double bidSize = Double.NaN;
        double askSize = Double.NaN;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            try {
                switch (name) {
                    case "symbol" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            symbol = p.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            return reject(
                                    DeadLetterReason.BAD_SYMBOL, "symbol must be a string, got " + value, text, source);
                        }
                    }
                    case "ts" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            ts = epochMillis(p, value);
                            hasTs = true;
                        }
                    }
                    case "price" -> {
                        price = number(p, value);
                        hasPrice = value != JsonToken.VALUE_NULL;
                    }
                    case "size" -> {
                        size = number(p, value);
                        hasSize = value != JsonToken.VALUE_NULL;
                    }
                    case "bid" -> bid = number(p, value);
                    case "ask" -> ask = number(p, value);
                    case "bid_size" -> bidSize = number(p, value);
                    case "ask_size" -> askSize = number(p, value);
                    case "side" -> side = value == JsonToken.VALUE_STRING ? CsvLineParser.side(p.getText()) : null;
                    default -> p.skipChildren();
                }
            } catch (NumberFormatException | InputCoercionException | ArithmeticException e) {
                DeadLetterReason reason = name.equals("ts") ? DeadLetterReason.BAD_TS : DeadLetterReason.BAD_NUMBER;
                return reject(reason, name + ": " + firstLine(e.getMessage()), text, source);
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return reject(DeadLetterReason.UNPARSABLE, "trailing content after the object", text, source);
        }
        if (symbol == null) {
            symbol = defaultSymbol;
        }
        if (symbol == null) {
            return reject(DeadLetterReason.MISSING_FIELD, "symbol is missing", text, source);
        }
        if (!hasTs) {
            return reject(DeadLetterReason.MISSING_FIELD, "ts is missing", text, source);
        }
        if (!hasPrice) {
            return reject(DeadLetterReason.MISSING_FIELD, "price is missing", text, source);
        }
        if (!hasSize) {
            return reject(DeadLetterReason.MISSING_FIELD, "size is missing", text, source);
        }
        Tick tick = new Tick(symbol, ts, price, size, side, bid, ask, bidSize, askSize);
        return text != null
                ? Ticks.validated(tick, text, source)
                : TickValidator.check(tick) == null ? ReadResult.accepted(tick) : null;
    }

    private static long epochMillis(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_NUMBER_FLOAT, VALUE_STRING -> Numbers.parseEpoch(p.getText(), TimeUnitScale.MILLIS);
            default -> throw new NumberFormatException("ts must be epoch ms, got " + value);
        };
    }

    private static double number(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> Numbers.parseDouble(p.getText());
            case VALUE_NULL -> Double.NaN;
            default -> throw new NumberFormatException("expected a number, got " + value);
        };
    }

    @Nullable
    private static ReadResult reject(DeadLetterReason reason, String detail, @Nullable String text, Object source) {
        return text == null ? null : ReadResult.rejected(reason, detail, text, source.toString());
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        int eol = message.indexOf('\n');
        return eol < 0 ? message : message.substring(0, eol);
    }
}
