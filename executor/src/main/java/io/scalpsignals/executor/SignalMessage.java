package io.scalpsignals.executor;

import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.model.read.TickValidator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A signal as the executor reads it (SPEC.md §6, with the actions of §7). Parsing never throws:
 * {@link #parse} returns the reason a text is not a valid signal.
 *
 * @param intentId client order id of the order it may become
 * @param symbol instrument
 * @param action {@code OPEN_LONG, OPEN_SHORT, CLOSE, HOLD, REVERSE}
 * @param ts event time of the signal, epoch ms
 * @param price the signal tick's price
 * @param confidence 0..100
 * @param leverage position leverage, &gt; 0
 * @param sizePct margin as a fraction of the available balance, (0, 1]
 * @param tpPct take profit, leveraged ROI fraction
 * @param slPct stop loss, leveraged ROI fraction
 * @param timeInTradeLimitSec time limit of the position
 * @param cooldownSec cooldown after the position closes
 * @param trailActivationRoi ROI that arms the trailing stop
 * @param trailDistanceRoi ROI distance the trailing stop keeps
 * @param trigger the trigger that fired it ({@code breakout}, ...), or null when it carries none
 */
public record SignalMessage(
        String intentId,
        String symbol,
        Action action,
        long ts,
        double price,
        int confidence,
        double leverage,
        double sizePct,
        double tpPct,
        double slPct,
        long timeInTradeLimitSec,
        long cooldownSec,
        double trailActivationRoi,
        double trailDistanceRoi,
        @Nullable String trigger) {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    /** SPEC §6-§7: an intent id is a UUID, lower case with dashes (any version: other producers may use v4). */
    private static final Pattern INTENT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The executor's actions. */
    public enum Action {
        OPEN_LONG,
        OPEN_SHORT,
        CLOSE,
        HOLD,
        REVERSE
    }

    /** A parsed signal, or why the text is not one. */
    public record Parsed(
            @Nullable SignalMessage signal, @Nullable String error) {}

    /**
     * @param text one signal's JSON
     * @param defaultTimeLimitSec the time limit of a signal that carries none
     * @param defaultCooldownSec the cooldown of a signal that carries none
     * @param riskRequired whether an open must carry valid risk parameters ({@code size_pct},
     *     {@code tp_pct}, ...); an options scalp takes its own, so they are optional there
     */
    public static Parsed parse(String text, long defaultTimeLimitSec, long defaultCooldownSec, boolean riskRequired) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                return new Parsed(null, "not a JSON object");
            }
            String intentId = text(n, "intent_id");
            if (!INTENT_ID.matcher(intentId).matches()) {
                return new Parsed(
                        null, "intent_id must be a lower-case UUID (SPEC §6), got '" + abbreviate(intentId) + "'");
            }
            String symbol = text(n, "symbol");
            Action action = Action.valueOf(text(n, "action").toUpperCase(Locale.ROOT));
            long ts = n.path("ts").asLong(Long.MIN_VALUE);
            if (!n.path("ts").canConvertToLong() || ts <= 0) {
                return new Parsed(null, "ts must be epoch ms");
            }
            double price = number(n, "price", Double.NaN);
            double leverage = number(n, "leverage", 1.0);
            double sizePct = number(n, "size_pct", 0.0);
            SignalMessage s = new SignalMessage(
                    intentId,
                    symbol,
                    action,
                    ts,
                    price,
                    (int) number(n, "confidence", 0),
                    leverage,
                    sizePct,
                    number(n, "tp_pct", 0.0),
                    number(n, "sl_pct", 0.0),
                    (long) number(n, "time_in_trade_limit_sec", defaultTimeLimitSec),
                    (long) number(n, "cooldown_sec", defaultCooldownSec),
                    number(n, "trail_activation_roi", 0.0),
                    number(n, "trail_distance_roi", 0.0),
                    n.path("trigger").isTextual() ? n.get("trigger").asText() : null);
            String bad = s.badValue();
            if (bad == null && s.opens() && riskRequired) {
                bad = s.badRiskParameter();
            }
            return bad == null ? new Parsed(s, null) : new Parsed(null, bad);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return new Parsed(null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** True for the actions that may open a position. */
    public boolean opens() {
        return action == Action.OPEN_LONG || action == Action.OPEN_SHORT;
    }

    /** +1 long, -1 short (for opens). */
    public int direction() {
        return action == Action.OPEN_SHORT ? -1 : 1;
    }

    /** Why a field every signal may carry is outside its domain (SPEC §1, §6-§7), or null. */
    @Nullable
    private String badValue() {
        if (!TickValidator.isValidSymbol(symbol)) {
            return "symbol must match [A-Za-z0-9._:/-]{1,32}, got '" + abbreviate(symbol) + "'";
        }
        if (!Double.isNaN(price) && !(price > 0 && Double.isFinite(price))) {
            return "price must be a finite number > 0, got " + price;
        }
        if (confidence < 0 || confidence > 100) {
            return "confidence must be in [0, 100], got " + confidence;
        }
        return null;
    }

    @Nullable
    private String badRiskParameter() {
        if (!(leverage > 0) || !Double.isFinite(leverage)) {
            return "leverage must be > 0, got " + leverage;
        }
        if (!(sizePct > 0 && sizePct <= 1)) {
            return "size_pct must be in (0, 1], got " + sizePct;
        }
        if (!(tpPct > 0) || !(slPct > 0)) {
            return "tp_pct and sl_pct must be > 0";
        }
        if (timeInTradeLimitSec <= 0 || cooldownSec < 0 || trailActivationRoi < 0 || trailDistanceRoi < 0) {
            return "time limit must be > 0, cooldown and trailing parameters >= 0";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, double fallback) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return v.asDouble();
    }
}
