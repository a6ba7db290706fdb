package io.scalpsignals.model.read;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.Tick;

import javax.annotation.Nullable;

/** The validation rules of SPEC.md §1, shared by every reader and the Kafka deserializer. */
public final class TickValidator {

    /** 2000-01-01T00:00:00Z in epoch ms, the earliest accepted {@code ts}. */
    public static final long MIN_TS = 946_684_800_000L;

    /** 2100-01-01T00:00:00Z in epoch ms, the latest accepted {@code ts}. */
    public static final long MAX_TS = 4_102_444_800_000L;

    private TickValidator() {}

    /** A failed rule: the dead-letter reason and a sentence naming the field and value. */
    public record Violation(DeadLetterReason reason, String detail) {}

    /** True when {@code symbol} matches {@code [A-Za-z0-9._:/-]{1,32}}. */
    public static boolean isValidSymbol(@Nullable String symbol) {
        if (symbol == null || symbol.isEmpty() || symbol.length() > 32) {
            return false;
        }
        for (int i = 0; i < symbol.length(); i++) {
            char c = symbol.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '/'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a tick against SPEC.md §1.
     *
     * @return the first violated rule, or null when the tick is valid
     */
    @Nullable
    public static Violation check(Tick t) {
        if (!isValidSymbol(t.symbol())) {
            return new Violation(
                    DeadLetterReason.BAD_SYMBOL, "symbol must match [A-Za-z0-9._:/-]{1,32}, got '" + t.symbol() + "'");
        }
        if (t.ts() < MIN_TS || t.ts() > MAX_TS) {
            return new Violation(
                    DeadLetterReason.BAD_TS, "ts must be epoch ms between 2000-01-01 and 2100-01-01, got " + t.ts());
        }
        if (!(Double.isFinite(t.price()) && t.price() > 0)) {
            return new Violation(DeadLetterReason.BAD_PRICE, "price must be finite and > 0, got " + t.price());
        }
        if (!(Double.isFinite(t.size()) && t.size() > 0)) {
            return new Violation(DeadLetterReason.BAD_SIZE, "size must be finite and > 0, got " + t.size());
        }
        Violation q = checkQuote("bid", t.bid(), false);
        if (q == null) {
            q = checkQuote("ask", t.ask(), false);
        }
        if (q == null) {
            q = checkQuote("bid_size", t.bidSize(), true);
        }
        if (q == null) {
            q = checkQuote("ask_size", t.askSize(), true);
        }
        if (q == null && t.hasQuotes() && t.bid() > t.ask()) {
            q = new Violation(DeadLetterReason.BAD_QUOTE, "bid must be <= ask, got bid " + t.bid() + " ask " + t.ask());
        }
        return q;
    }

    @Nullable
    private static Violation checkQuote(String field, double v, boolean zeroAllowed) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (!Double.isFinite(v) || v < 0 || (!zeroAllowed && v == 0)) {
            return new Violation(
                    DeadLetterReason.BAD_QUOTE,
                    field + " must be finite and " + (zeroAllowed ? ">= 0" : "> 0") + ", got " + v);
        }
        return null;
    }
}
