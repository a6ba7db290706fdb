package io.scalpsignals.executor;

import io.scalpsignals.model.json.Json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The journal line of SPEC.md §7, fields in SPEC's order, {@code null} where not applicable. */
public final class JournalJson {

    private JournalJson() {}

    public static String write(JournalEntry e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("ts", e.ts());
            g.writeStringField("event", e.event().name());
            g.writeStringField("intent_id", e.intentId());
            g.writeStringField("symbol", e.symbol());
            g.writeStringField("action", e.action());
            g.writeStringField("reason", e.reason() == null ? null : e.reason().name());
            writeNumber(g, "price", e.price());
            writeNumber(g, "qty", e.qty());
            g.writeFieldName("pnl");
            if (e.pnl() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.pnl());
            }
            writeNumber(g, "roi", e.roi());
            g.writeNumberField("balance", e.balance());
            if (e.raw() != null) {
                g.writeStringField("raw", e.raw());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void writeNumber(JsonGenerator g, String name, Double v) throws IOException {
        g.writeFieldName(name);
        if (v == null) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }
}
