package io.scalpsignals.model.json;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The JSON form of the wire types (SPEC.md §1–§3): {@code snake_case} names, epoch-ms {@code ts}
 * fields, and {@code null} for every NaN (undefined) value. One object per line in files.
 */
public final class JsonLines {

    /** Writes one value as a JSON object on a {@link JsonGenerator}; serializable for sinks. */
    @FunctionalInterface
    public interface Writer<T> extends Serializable {
        void write(T value, JsonGenerator g) throws IOException;
    }

    public static final Writer<Tick> TICK = JsonLines::writeTick;

    public static final Writer<TickFeatures> FEATURES = JsonLines::writeFeatures;

    public static final Writer<Bar> BAR = JsonLines::writeBar;

    public static final Writer<DeadLetter> DEAD_LETTER = (d, g) -> {
        g.writeStartObject();
        g.writeStringField("reason", d.reason().name());
        g.writeStringField("detail", d.detail());
        g.writeStringField("raw", d.raw());
        g.writeStringField("source", d.source());
        g.writeEndObject();
    };

    public static final Writer<LateTick> LATE_TICK = (l, g) -> {
        g.writeStartObject();
        writeTickFields(l.tick(), g);
        g.writeNumberField("last_accepted_ts", l.lastAcceptedTs());
        g.writeEndObject();
    };

    private JsonLines() {}

    /** The JSON text of {@code value}, without a line terminator. */
    public static <T> String toJson(T value, Writer<T> writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writer.write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The UTF-8 bytes of {@link #toJson}, written directly (no intermediate {@code String}). */
    public static <T> byte[] toJsonBytes(T value, Writer<T> writer) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) { // a feature record is ~350 bytes
            try (JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writer.write(value, g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code v}, or {@code null} when it is NaN (undefined). */
    public static void writeNumberOrNull(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(v)) {
            g.writeNull();
        } else {
            g.writeNumber(v);
        }
    }

    private static void writeTick(Tick t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeTickFields(t, g);
        g.writeEndObject();
    }

    private static void writeTickFields(Tick t, JsonGenerator g) throws IOException {
        g.writeStringField("symbol", t.symbol());
        g.writeNumberField("ts", t.ts());
        g.writeNumberField("price", t.price());
        g.writeNumberField("size", t.size());
        writeOptionalString(g, "side", t.side());
        writeOptional(g, "bid", t.bid());
        writeOptional(g, "ask", t.ask());
        writeOptional(g, "bid_size", t.bidSize());
        writeOptional(g, "ask_size", t.askSize());
    }

    private static void writeFeatures(TickFeatures f, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFeatureFields(f, g);
        g.writeEndObject();
    }

    private static void writeFeatureFields(TickFeatures f, JsonGenerator g) throws IOException {
        g.writeStringField("symbol", f.symbol());
        g.writeNumberField("ts", f.ts());
        g.writeNumberField("price", f.price());
        g.writeNumberField("size", f.size());
        writeNumberOrNull(g, "vel_5s", f.vel5s());
        writeNumberOrNull(g, "vel_15s", f.vel15s());
        writeNumberOrNull(g, "vel_30s", f.vel30s());
        writeNumberOrNull(g, "vel_60s", f.vel60s());
        writeNumberOrNull(g, "speed_30s", f.speed30s());
        writeNumberOrNull(g, "ret_5m", f.ret5m());
        writeNumberOrNull(g, "volume_ratio", f.volumeRatio());
        writeNumberOrNull(g, "vwap", f.vwap());
        writeNumberOrNull(g, "vwap_sigma", f.vwapSigma());
        writeNumberOrNull(g, "vwap_upper_1", f.vwapUpper1());
        writeNumberOrNull(g, "vwap_lower_1", f.vwapLower1());
        writeNumberOrNull(g, "vwap_upper_2", f.vwapUpper2());
        writeNumberOrNull(g, "vwap_lower_2", f.vwapLower2());
        writeNumberOrNull(g, "spread_pct", f.spreadPct());
        writeNumberOrNull(g, "imbalance", f.imbalance());
    }

    /**
     * Signals as SPEC.md §6 has them, with {@code emitted_at} read from {@code clock} (epoch ms,
     * wall clock, for latency only) when the line is written.
     */
    public static Writer<Signal> signal(SerializableClock clock) {
        return (s, g) -> {
            g.writeStartObject();
            writeSignalFields(s, g, clock.millis());
            g.writeEndObject();
        };
    }

    /** Blocked candidates: the signal they would have been (no {@code emitted_at}) and {@code reason}. */
    public static final Writer<BlockedSignal> BLOCKED = (b, g) -> {
        g.writeStartObject();
        writeSignalFields(b.signal(), g, Long.MIN_VALUE);
        g.writeStringField("reason", b.reason().name());
        g.writeEndObject();
    };

    /** A wall clock that a serializable writer can carry. */
    @FunctionalInterface
    public interface SerializableClock extends Serializable {
        long millis();
    }

    private static void writeSignalFields(Signal s, JsonGenerator g, long emittedAt) throws IOException {
        g.writeStringField("intent_id", s.intentId());
        g.writeStringField("symbol", s.symbol());
        g.writeStringField("action", s.action().name());
        g.writeStringField("trigger", s.trigger().wireName());
        g.writeNumberField("ts", s.ts());
        if (emittedAt != Long.MIN_VALUE) {
            g.writeNumberField("emitted_at", emittedAt);
        }
        g.writeNumberField("price", s.price());
        g.writeNumberField("confidence", s.confidence());
        g.writeNumberField("leverage", s.leverage());
        g.writeNumberField("size_pct", s.sizePct());
        g.writeNumberField("tp_pct", s.tpPct());
        g.writeNumberField("sl_pct", s.slPct());
        g.writeNumberField("time_in_trade_limit_sec", s.timeInTradeLimitSec());
        g.writeNumberField("cooldown_sec", s.cooldownSec());
        g.writeNumberField("trail_activation_roi", s.trailActivationRoi());
        g.writeNumberField("trail_distance_roi", s.trailDistanceRoi());
        g.writeStringField("strategy_version", s.strategyVersion());
        g.writeFieldName("features");
        writeFeatures(s.features(), g);
    }

    private static void writeBar(Bar b, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", b.symbol());
        g.writeNumberField("bar_start", b.barStart());
        g.writeNumberField("open", b.open());
        g.writeNumberField("high", b.high());
        g.writeNumberField("low", b.low());
        g.writeNumberField("close", b.close());
        g.writeNumberField("volume", b.volume());
        g.writeNumberField("trades", b.trades());
        writeNumberOrNull(g, "vwap_20", b.vwap20());
        writeNumberOrNull(g, "vwap_50", b.vwap50());
        writeNumberOrNull(g, "rsi_7", b.rsi7());
        writeNumberOrNull(g, "willr_7", b.willr7());
        writeNumberOrNull(g, "ema_3", b.ema3());
        writeNumberOrNull(g, "ema_5", b.ema5());
        writeNumberOrNull(g, "ema_8", b.ema8());
        writeNumberOrNull(g, "donchian_high_20", b.donchianHigh20());
        writeNumberOrNull(g, "donchian_low_20", b.donchianLow20());
        g.writeEndObject();
    }

    /** Optional tick fields are left out when absent, as in SPEC.md §1's example. */
    private static void writeOptional(JsonGenerator g, String name, double v) throws IOException {
        if (!Double.isNaN(v)) {
            g.writeNumberField(name, v);
        }
    }

    private static void writeOptionalString(JsonGenerator g, String name, @Nullable String v) throws IOException {
        if (v != null) {
            g.writeStringField(name, v);
        }
    }
}
