package io.scalpsignals.executor.state;

import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.executor.config.Money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Imports the replaced system's state document ({@code TRADING_STATE_FILE}) into an empty state
 * directory on its first start: known intents, cooldowns, open positions and their trailing
 * stops, in the shape {@link StateExport} writes ({@code SYMBOL_long|short} keys; times as epoch
 * ms or ISO-8601; a position's margin, when absent, is {@code entry_price * qty / leverage}).
 */
public final class StateImport {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private StateImport() {}

    /**
     * @return how many intents, cooldowns and positions were imported
     * @throws IllegalArgumentException when the document cannot be read, naming the file and field
     */
    public static int[] into(StateStore store, Path file) {
        JsonNode doc;
        try {
            doc = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("TRADING_STATE_FILE " + file + ": cannot read: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("TRADING_STATE_FILE " + file + ": not a JSON object");
        }
        int[] counts = new int[3];
        store.transaction(() -> {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            doc.path("order_intents").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode i = e.getValue();
                long ts = time(i.path("ts"), file, "order_intents." + e.getKey() + ".ts");
                store.recordIntent(
                        e.getKey(),
                        i.path("symbol").asText(null),
                        status(i.path("status").asText("FILLED"), file, "order_intents." + e.getKey() + ".status"),
                        ts,
                        i.has("recorded_at") ? time(i.get("recorded_at"), file, "recorded_at") : ts,
                        "{}");
                counts[0]++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            doc.path("cooldowns").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String[] key = split(e.getKey(), file);
                store.setCooldown(key[0], direction(key[1]), time(e.getValue(), file, "cooldowns." + e.getKey()));
                counts[1]++;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            doc.path("position_metadata").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String[] key = split(e.getKey(), file);
                JsonNode p = e.getValue();
                JsonNode trail = doc.path("trailing_stops").path(e.getKey());
                double entry = p.path("entry_price").asDouble();
                double qty = p.path("qty").asDouble(p.path("size").asDouble());
                double leverage = p.path("leverage").asDouble(1.0);
                BigDecimal margin =
                        p.has("margin") ? new BigDecimal(p.get("margin").asText()) : Money.of(entry * qty / leverage);
                store.putPosition(new Position(
                        key[0],
                        direction(key[1]),
                        p.path("intent_id").asText(e.getKey()),
                        entry,
                        qty,
                        Money.scaled(margin),
                        Money.of(0),
                        leverage,
                        time(p.path("opened_at"), file, e.getKey() + ".opened_at"),
                        p.path("tp_pct").asDouble(),
                        p.path("sl_pct").asDouble(),
                        p.path("time_in_trade_limit_sec").asLong(2_400),
                        p.path("cooldown_sec").asLong(0),
                        trail.path("activation_roi").asDouble(0),
                        trail.path("distance_roi").asDouble(0),
                        trail.path("max_roi").asDouble(0),
                        p.path("contract").isTextual() ? p.get("contract").asText() : null,
                        p.path("multiplier").asInt(1),
                        null));
                counts[2]++;
            }
            return null;
        });
        return counts;
    }

    private static String[] split(String key, Path file) {
        int cut = key.lastIndexOf('_');
        if (cut <= 0 || !(key.endsWith("_long") || key.endsWith("_short"))) {
            throw new IllegalArgumentException(
                    "TRADING_STATE_FILE " + file + ": key '" + key + "' is not SYMBOL_long|short");
        }
        return new String[] {key.substring(0, cut), key.substring(cut + 1)};
    }

    private static int direction(String side) {
        return side.equals("long") ? 1 : -1;
    }

    private static IntentStatus status(String text, Path file, String key) {
        try {
            return IntentStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TRADING_STATE_FILE " + file + ": " + key + ": unknown status '" + text
                    + "' (PENDING, SENT, FILLED or REJECTED)");
        }
    }

    private static long time(JsonNode v, Path file, String field) {
        if (v.canConvertToLong()) {
            return v.asLong();
        }
        try {
            return Instant.parse(v.asText()).toEpochMilli();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "TRADING_STATE_FILE " + file + ": " + field + " is not a time: '" + v.asText() + "'");
        }
    }
}
