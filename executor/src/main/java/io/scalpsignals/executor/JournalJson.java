package io.scalpsignals.executor;

import io.scalpsignals.model.json.JsonLines;

/** The journal line of SPEC.md §7, fields in SPEC's order, {@code null} where not applicable. */
public final class JournalJson {

    /** Writes a journal entry (with {@link JsonLines#toJson}). */
    static final JsonLines.Writer<JournalEntry> WRITER = (e, g) -> {
        g.writeStartObject();
        g.writeNumberField("ts", e.ts());
        g.writeStringField("event", e.event().name());
        g.writeStringField("intent_id", e.intentId());
        g.writeStringField("symbol", e.symbol());
        g.writeStringField("action", e.action());
        g.writeStringField("reason", e.reason() == null ? null : e.reason().name());
        JsonLines.writeNumberOrNull(g, "price", e.price() == null ? Double.NaN : e.price());
        JsonLines.writeNumberOrNull(g, "qty", e.qty() == null ? Double.NaN : e.qty());
        g.writeFieldName("pnl");
        if (e.pnl() == null) {
            g.writeNull();
        } else {
            g.writeNumber(e.pnl());
        }
        JsonLines.writeNumberOrNull(g, "roi", e.roi() == null ? Double.NaN : e.roi());
        g.writeNumberField("balance", e.balance());
        if (e.contract() != null) {
            g.writeStringField("contract", e.contract().symbol());
            if (e.contract().delta() != null) {
                g.writeNumberField("delta", e.contract().delta());
            }
            if (e.contract().spreadPct() != null) {
                g.writeNumberField("spread_pct", e.contract().spreadPct());
            }
        }
        if (e.detail() != null) {
            g.writeStringField("detail", e.detail());
        }
        if (e.raw() != null) {
            g.writeStringField("raw", e.raw());
        }
        g.writeEndObject();
    };

    private JournalJson() {}

    public static String write(JournalEntry e) {
        return JsonLines.toJson(e, WRITER);
    }
}
