package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A trading scenario for the executor: ticks and signals in, the journal out. Times are offsets
 * in ms from {@link #T0}; the state lives in a real SQLite database under a temporary directory.
 */
final class Scenario implements AutoCloseable {

    /** 2024-01-02T00:00:00Z. */
    static final long T0 = 1_704_153_600_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    final StateStore store;
    final Broker broker;
    final Engine engine;

    Scenario(Path dir, ExecutorConfig config) {
        this(dir, config, null, null);
    }

    Scenario(Path dir, ExecutorConfig config, Broker broker) {
        this(dir, config, broker, null);
    }

    /** A scenario on the paper broker with an exchange calendar (SPEC §7 "Exchange calendar"). */
    Scenario(Path dir, ExecutorConfig config, ExchangeCalendar calendar) {
        this(dir, config, null, null, calendar);
    }

    /** An options scalping scenario on the paper broker. */
    Scenario(Path dir, ExecutorConfig config, OptionsConfig options) {
        this(dir, config, null, options);
    }

    private Scenario(Path dir, ExecutorConfig config, Broker broker, OptionsConfig options) {
        this(dir, config, broker, options, null);
    }

    private Scenario(Path dir, ExecutorConfig config, Broker broker, OptionsConfig options, ExchangeCalendar calendar) {
        this.store = StateStore.open(dir);
        this.broker = broker != null
                ? broker
                : new PaperBroker(
                        dir,
                        config.slippagePct(),
                        ExecutorConfig.defaults().feePct(),
                        OptionsConfig.defaults().contractMultiplier());
        this.engine = new Engine(store, this.broker, config, null, options, calendar);
    }

    /** An option-chain line; it must be a valid quote. */
    Scenario quote(String json) {
        String error = engine.onQuote(json, Engine.LedgerUpdate.NONE);
        if (error != null) {
            throw new AssertionError("not a quote: " + error);
        }
        return this;
    }

    Scenario tick(String symbol, long offsetMs, double price) {
        return tickAt(symbol, T0 + offsetMs, price);
    }

    /** A trade at {@code ts}, epoch ms. */
    Scenario tickAt(String symbol, long ts, double price) {
        engine.onTick(Tick.trade(symbol, ts, price, 1.0), Engine.LedgerUpdate.NONE);
        return this;
    }

    /** A trade with a top of book of {@code bidSize} and {@code askSize} (bid and ask 0.01 either side). */
    Scenario bookTick(String symbol, long offsetMs, double price, double bidSize, double askSize) {
        Tick t = new Tick(symbol, T0 + offsetMs, price, 1.0, null, price - 0.01, price + 0.01, bidSize, askSize);
        engine.onTick(t, Engine.LedgerUpdate.NONE);
        return this;
    }

    Scenario tick(long offsetMs, double price) {
        return tick("BTCUSDT", offsetMs, price);
    }

    Scenario signal(String json) {
        engine.onSignal(json, Engine.LedgerUpdate.NONE);
        return this;
    }

    /**
     * The intent id a test calls {@code name}: a lower-case UUID, as SPEC §6-§7 require of a
     * signal's {@code intent_id} (name-based, so the same name gives the same id).
     */
    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A crypto-perp style open: leverage 5, size 0.15, tp 0.02, sl 0.015, 2100 s, cooldown 900 s. */
    static String open(String id, String symbol, String action, long offsetMs, int confidence) {
        return SignalLine.open(id(id), symbol, action, T0 + offsetMs, 100.0)
                .withConfidence(confidence)
                .json();
    }

    static String open(String id, String action, long offsetMs) {
        return open(id, "BTCUSDT", action, offsetMs, 72);
    }

    /** The journal as "EVENT REASON" (reason omitted when null), in order. */
    List<String> outcomes() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : journal()) {
            out.add(n.get("event").asText()
                    + (n.get("reason").isNull() ? "" : " " + n.get("reason").asText()));
        }
        return out;
    }

    List<JsonNode> journal() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : store.journal()) {
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        broker.close();
        store.close();
    }
}
