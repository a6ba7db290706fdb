package io.scalpsignals.executor.options;

import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One contract of an option-chain snapshot.
 *
 * @param underlying the underlying's symbol, e.g. {@code TSLA}
 * @param optionSymbol the contract's symbol (OCC style), e.g. {@code TSLA241122C00250000}
 * @param expiry the expiry date (the exchange's calendar date)
 * @param strike the strike price
 * @param right {@code C} (call) or {@code P} (put)
 * @param bid best bid, per share
 * @param ask best ask, per share
 * @param delta the option's delta (positive for calls, negative for puts)
 * @param openInterest open contracts
 * @param ts the snapshot's time, epoch ms
 */
public record OptionQuote(
        String underlying,
        String optionSymbol,
        LocalDate expiry,
        double strike,
        char right,
        double bid,
        double ask,
        double delta,
        long openInterest,
        long ts) {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    /** The mid price, per share. */
    public double mid() {
        return (bid + ask) / 2;
    }

    /** {@code (ask - bid) / mid}, a fraction; infinite when the mid is not positive. */
    public double spreadPct() {
        double mid = mid();
        return mid > 0 ? (ask - bid) / mid : Double.POSITIVE_INFINITY;
    }

    /**
     * A chain line read: the quote, or why the line is none.
     *
     * @param quote the quote, or null
     * @param error why the line is no quote, or null
     */
    public record Parsed(
            @Nullable OptionQuote quote, @Nullable String error) {}

    /** Reads one chain line (JSON); never throws for bad content. */
    public static Parsed parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject()) {
                return new Parsed(null, "not a JSON object");
            }
            return new Parsed(of(n), null);
        } catch (JsonProcessingException e) {
            return new Parsed(null, "not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /**
     * Reads one chain line: {@code underlying, option_symbol, expiry (yyyy-MM-dd; yyyyMMdd too),
     * strike, right (C|P; call|put too, any case), bid, ask, delta, open_interest, ts (epoch ms)}.
     *
     * @throws IllegalArgumentException naming the missing or bad field
     */
    public static OptionQuote of(JsonNode n) {
        String underlying = text(n, "underlying");
        String optionSymbol = text(n, "option_symbol");
        String date = text(n, "expiry");
        LocalDate expiry;
        try {
            expiry = LocalDate.parse(
                    date, date.length() == 8 ? DateTimeFormatter.BASIC_ISO_DATE : DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiry: not a yyyy-MM-dd date: '" + date + "'");
        }
        double strike = number(n, "strike");
        String right = switch (text(n, "right").toUpperCase(Locale.ROOT)) {
            case "C", "CALL" -> "C";
            case "P", "PUT" -> "P";
            default -> throw new IllegalArgumentException("right: must be C or P, got '" + text(n, "right") + "'");
        };
        OptionQuote q = new OptionQuote(
                underlying,
                optionSymbol,
                expiry,
                strike,
                right.charAt(0),
                number(n, "bid"),
                number(n, "ask"),
                number(n, "delta"),
                (long) number(n, "open_interest"),
                (long) number(n, "ts"));
        if (q.bid() < 0 || q.ask() < q.bid()) {
            throw new IllegalArgumentException("bid/ask: need 0 <= bid <= ask, got " + q.bid() + "/" + q.ask());
        }
        return q;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + ": missing or not a string");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(field + ": missing or not a finite number");
        }
        return v.asDouble();
    }
}
