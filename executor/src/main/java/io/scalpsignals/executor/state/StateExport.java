package io.scalpsignals.executor.state;

import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * The state document of the system the executor replaces (SPEC.md §7): {@code version}, {@code
 * last_updated}, {@code order_intents}, {@code cooldowns}, {@code position_metadata} and {@code
 * trailing_stops}, the last three keyed {@code SYMBOL_long|short}.
 */
public final class StateExport {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private StateExport() {}

    public static ObjectNode of(StateStore store, Ledger ledger) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("version", StateStore.SCHEMA_VERSION);
        doc.put(
                "last_updated",
                !ledger.started() ? null : Instant.ofEpochMilli(ledger.clock).toString());
        ObjectNode intents = doc.putObject("order_intents");
        for (Map.Entry<String, Object[]> e : store.intents().entrySet()) {
            ObjectNode i = intents.putObject(e.getKey());
            i.put("symbol", (String) e.getValue()[0]);
            i.put("status", (String) e.getValue()[1]);
            i.put("ts", (Long) e.getValue()[2]);
            i.put("recorded_at", (Long) e.getValue()[3]);
        }
        ObjectNode cooldowns = doc.putObject("cooldowns");
        store.cooldowns().forEach(cooldowns::put);
        ObjectNode positions = doc.putObject("position_metadata");
        ObjectNode trailing = doc.putObject("trailing_stops");
        for (Position p : store.positions()) {
            String key = p.symbol() + (p.direction() > 0 ? "_long" : "_short");
            ObjectNode m = positions.putObject(key);
            m.put("intent_id", p.intentId());
            m.put("entry_price", p.entryPrice());
            m.put("qty", p.qty());
            m.put("margin", p.margin());
            m.put("leverage", p.leverage());
            m.put("opened_at", p.openedTs());
            m.put("tp_pct", p.tpPct());
            m.put("sl_pct", p.slPct());
            m.put("time_in_trade_limit_sec", p.timeLimitSec());
            m.put("cooldown_sec", p.cooldownSec());
            if (p.isOption()) {
                m.put("contract", p.contract());
                m.put("multiplier", p.multiplier());
            }
            ObjectNode t = trailing.putObject(key);
            t.put("activation_roi", p.trailActivationRoi());
            t.put("distance_roi", p.trailDistanceRoi());
            t.put("max_roi", p.maxRoi());
            t.put("active", p.trailActivationRoi() > 0 && p.maxRoi() >= p.trailActivationRoi());
        }
        return doc;
    }
}
