package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.executor.options.OptionChain;
import io.scalpsignals.executor.options.OptionQuote;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.Control;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.Tick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executor (SPEC.md §7): takes ticks, option quotes, signals and control requests one at a time
 * and hands each to the part that decides it, in one unit of work:
 * <ul>
 *   <li>{@link Monitor}: the clock, the monitor's exits every {@code monitor_interval_sec}, the
 *       hourly purge of known intent ids;</li>
 *   <li>{@link Intents}: a signal to at most one order, through the {@link TradingMode}'s entry
 *       checks and sizing ({@link LinearMode}: the signal's own instrument; {@link OptionsMode}:
 *       an option contract on it, from the chain that {@link #onQuote} keeps);</li>
 *   <li>{@link Exits}: take profit, stop loss, trailing stop, time limit, manual closes;</li>
 *   <li>{@link GroupCommit}: units in groups, one fsync per group (the executor's commands use
 *       groups of up to {@value StateStore#MAX_GROUP} units); ticks and quotes that change nothing
 *       durable wait for the next unit;</li>
 *   <li>{@link VenueAccount}: a live venue's balance and the reconciliation with its positions.</li>
 * </ul>
 * An open is two units around its order: the intent is committed as PENDING (with the exact order),
 * and the group with it, before the order is sent, the fill right after it; {@link #recover()}
 * settles PENDING intents after a crash by asking the broker for the client order id, and a close
 * lost with its group is found again when its ticks are read again and sent under the same client
 * order id (which the broker answers with the first fill), so an order is neither repeated nor lost.
 *
 * <p>Time is injected: a replay's clock is the largest event time seen, a live engine's the {@link
 * Clock} it is given. Option chains are held in memory: a restarted live executor manages a scalp
 * again once its contract's next quote arrives.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private final StateStore store;
    private final Broker broker;
    private final TradingMode mode;

    @Nullable
    private final Clock wallClock;

    @Nullable
    private ExecutorMetrics metrics;

    private final GroupCommit units;
    private final VenueAccount venue;
    private final Portfolio portfolio;
    private final Exits exits;
    private final Monitor monitor;
    private final Intents intents;
    private final LimitEntries limits;
    private final ExecutorConfig config;

    /** A replay engine: the clock is the largest event time seen. */
    public Engine(StateStore store, Broker broker, ExecutorConfig config) {
        this(store, broker, config, null);
    }

    /**
     * @param wallClock the live clock, or null for a replay's event-time clock
     */
    public Engine(StateStore store, Broker broker, ExecutorConfig config, @Nullable Clock wallClock) {
        this(store, broker, config, wallClock, null);
    }

    /**
     * @param wallClock the live clock, or null for a replay's event-time clock
     * @param options options scalping, or null: opens trade the signal's own symbol
     */
    public Engine(
            StateStore store,
            Broker broker,
            ExecutorConfig config,
            @Nullable Clock wallClock,
            @Nullable OptionsConfig options) {
        this(store, broker, config, wallClock, options, null);
    }

    /**
     * @param wallClock the live clock, or null for a replay's event-time clock
     * @param options options scalping, or null: opens trade the signal's own symbol
     * @param calendar the exchange's trading days (SPEC §7 "Exchange calendar": MARKET_CLOSED,
     *     SESSION_CLOSE, the next trading day of a 1DTE expiry), or null: none of it applies
     */
    public Engine(
            StateStore store,
            Broker broker,
            ExecutorConfig config,
            @Nullable Clock wallClock,
            @Nullable OptionsConfig options,
            @Nullable ExchangeCalendar calendar) {
        OptionChain chain = new OptionChain();
        this.store = store;
        this.broker = broker;
        this.config = config;
        this.wallClock = wallClock;
        this.mode = options == null ? new LinearMode(config) : new OptionsMode(options, config, chain, calendar);
        this.portfolio = new Portfolio(store, mode);
        this.units = new GroupCommit(store, portfolio, config);
        this.venue = new VenueAccount(broker, store, wallClock);
        this.exits = new Exits(store, broker, config, mode, portfolio, venue, units, calendar);
        this.monitor = new Monitor(store, config, portfolio, exits);
        this.limits = new LimitEntries(config, store);
        this.intents = new Intents(
                store,
                broker,
                config,
                mode,
                portfolio,
                venue,
                exits,
                units,
                limits,
                calendar,
                monitor,
                wallClock == null ? null : wallClock::millis);
    }

    /**
     * Reports committed journal entries, the portfolio, reconciliations and decision latencies to
     * {@code metrics}; the portfolio as committed is reported at once, so a restarted executor shows its
     * balance before the first event.
     */
    public Engine withMetrics(ExecutorMetrics metrics) {
        this.metrics = metrics;
        units.reportTo(metrics);
        venue.reportTo(metrics);
        return this;
    }

    /**
     * Reads a live venue's available balance, then settles intents left PENDING by a crash: adopts
     * the fill the broker has, or sends the stored order. Called once at start.
     *
     * @throws StateException when the state holds what the trading mode cannot manage
     *     ({@link TradingMode#checkState}: options scalps without an options configuration)
     */
    public void recover() {
        venue.readBalance();
        Map<String, PendingIntent> unsettled = new LinkedHashMap<>();
        store.unsettledIntents().forEach((id, pending) -> unsettled.put(id, PendingIntent.parse(id, pending)));
        mode.checkState(
                store.positions(),
                unsettled.values().stream().map(PendingIntent::order).toList());
        for (Map.Entry<String, PendingIntent> e : unsettled.entrySet()) {
            PendingIntent p = e.getValue();
            if (p.rests()) { // a resting limit entry resumes where the last commit left it
                limits.rest(e.getKey(), p.order(), p.rest());
                if (p.rest().filledQty() >= p.order().qty()) {
                    intents.end(limits.restingOf(p.order().symbol()), units.clock(), RejectReason.LIMIT_TIMEOUT);
                }
                continue;
            }
            intents.place(e.getKey(), p.sent(), broker.query(e.getKey()).orElse(null));
            units.commit();
        }
    }

    // ---- events ----

    /**
     * Trade {@code t}, read up to {@code cursor}: a limit entry whose deadline is at or before its
     * time ends first; the clock moves to its {@code ts} (replay) or the wall clock (live); then the
     * symbol's last price, then a resting limit entry of the symbol is filled by it ({@link
     * LimitEntries}), then its position's exits at that price. Its top-of-book imbalance ({@link
     * Tick#imbalance()}) is what MARKET_REVERSAL reads, its touch what a later limit entry rests at.
     * A tick that changes nothing durable but the clock, the last price and the read position (no
     * linear position or resting order of the symbol, and moving the clock runs no monitor over an
     * open position and crosses no hour) waits for the next unit ({@link GroupCommit}).
     */
    public void onTick(Tick t, LedgerUpdate cursor) {
        String symbol = t.symbol();
        double price = t.price();
        double imbalance = t.imbalance();
        long at = timeOf(t.ts());
        endDue(at);
        LimitEntries.Touch touch = limits.quote(t);
        LimitEntries.Resting resting = limits.restingOf(symbol);
        Position held = store.positionOf(symbol);
        if (units.canDefer()
                && resting == null
                && (held == null || (held.isOption() && !exits.reversed(held, imbalance)))
                && monitor.moveDeferrable(at, units.clock(), store.hasPositions())) {
            units.deferTick(symbol, price, touch, at, cursor);
            return;
        }
        boolean filled = units.unit(l -> {
            monitor.moveClock(l, at);
            store.setLastPrice(symbol, price);
            if (touch != null) {
                touch.store(symbol, store);
            }
            Optional<Position> open = store.position(symbol);
            boolean done = false;
            if (resting != null) {
                PendingIntent.Rest next = LimitEntries.afterTrade(resting.order(), resting.rest(), t);
                if (!next.equals(resting.rest())) {
                    intents.progress(resting, next);
                    limits.rest(resting.intentId(), resting.order(), next);
                    done = next.filledQty() >= resting.order().qty();
                }
            }
            if (open.isPresent() && !open.get().isOption()) { // a scalp follows its contract's quotes
                exits.check(open.get(), price, imbalance, l.clock, l);
                portfolio.trackPeak(l); // equity moves with every price of an open position
            } else if (open.isPresent() && exits.reversed(open.get(), imbalance)) {
                exits.closeReversed(open.get(), l); // a scalp's underlying turned against it (SPEC §7)
            }
            cursor.apply(l);
            return done;
        });
        if (filled) {
            intents.end(limits.restingOf(symbol), at, RejectReason.LIMIT_TIMEOUT);
        }
    }

    /** Ends the limit entries whose deadline is at or before {@code at}, each at its deadline (SPEC.md §7). */
    private void endDue(long at) {
        for (LimitEntries.Resting r : limits.due(at)) {
            intents.end(r, Math.max(r.deadline(), units.clock()), RejectReason.LIMIT_TIMEOUT);
        }
    }

    /**
     * An option-chain line (options mode): the clock moves to the quote's {@code ts} first (a monitor
     * due before it sees the chain without it), the quote joins the chain (contracts of past exchange
     * days dropped, those held kept), then the scalp holding that contract is checked for exits at
     * its mid. A quote of a contract no scalp holds, whose clock move runs no monitor over an open
     * position and crosses no hour, waits for the next unit.
     *
     * @return null, or why the line is no quote: it is then consumed without effect
     * @throws IllegalStateException when the engine has no options configuration
     */
    @Nullable
    public String onQuote(String text, LedgerUpdate cursor) {
        return onQuote(OptionQuote.parse(text), cursor);
    }

    /** As {@link #onQuote(String, LedgerUpdate)}, for a line its reader has parsed. */
    @Nullable
    public String onQuote(OptionQuote.Parsed parsed, LedgerUpdate cursor) {
        OptionsMode options = requireOptions();
        if (parsed.quote() == null) {
            consumed(cursor);
            return parsed.error();
        }
        OptionQuote q = parsed.quote();
        long at = timeOf(q.ts());
        endDue(at);
        List<Position> open = store.positions();
        long clock = units.clock();
        if (units.canDefer() && !OptionsMode.held(q, open) && monitor.moveDeferrable(at, clock, !open.isEmpty())) {
            options.quote(q, Math.max(at, clock), open);
            units.defer(at, cursor);
            return null;
        }
        units.run(l -> {
            monitor.moveClock(l, at);
            List<Position> positions = store.positions();
            options.quote(q, l.clock, positions);
            for (Position p : positions) {
                if (q.optionSymbol().equals(p.contract()) && q.underlying().equals(p.symbol())) {
                    exits.check(p, portfolio.markPrice(p, Map.of()), l.clock, l);
                    portfolio.trackPeak(l);
                }
            }
            cursor.apply(l);
        });
        return null;
    }

    /**
     * Adds a chain line's quote to the chain with no other effect: a resumed replay re-reading the
     * lines it applied before. A line that is no quote is ignored, as it was then.
     */
    public void restoreQuote(OptionQuote.Parsed parsed) {
        OptionsMode options = requireOptions();
        if (parsed.quote() != null) {
            options.restore(parsed.quote());
        }
    }

    private OptionsMode requireOptions() {
        if (mode instanceof OptionsMode options) {
            return options;
        }
        throw new IllegalStateException("an option quote reached an engine without options configuration");
    }

    /**
     * A signal's text. The clock moves to the signal's {@code ts} if that is later (replay); a
     * text that is no valid signal (SPEC §7) is journaled REJECTED / INVALID_SIGNAL with its raw
     * text at the current clock and changes nothing else: not the clock, not the known intents.
     */
    public void onSignal(String text, LedgerUpdate cursor) {
        onSignal(text, parseSignal(text), cursor);
    }

    /** A signal's text as this engine reads it (its default time limit and cooldown; risk parameters required unless options). */
    public SignalMessage.Parsed parseSignal(String text) {
        return SignalMessage.parse(
                text, config.defaultTimeInTradeLimitSec(), config.defaultCooldownSec(), mode.riskParametersRequired());
    }

    /**
     * As {@link #onSignal(String, LedgerUpdate)}, for a text its reader has parsed with {@link
     * #parseSignal}. An open is two units around its order: the intent PENDING with its exact order
     * is committed before the order leaves, the fill right after it.
     */
    public void onSignal(String text, SignalMessage.Parsed parsed, LedgerUpdate cursor) {
        onSignal(
                text,
                parsed,
                parsed.signal() == null ? Ledger.NONE : parsed.signal().ts(),
                cursor);
    }

    /**
     * As {@link #onSignal(String, SignalMessage.Parsed, LedgerUpdate)}, for a signal that reached a
     * replay at {@code arrivedAt} (epoch ms, its {@code ts} plus the replay's latency): the clock
     * moves there, and STALE_SIGNAL measures the signal's age from there. Live, the wall clock
     * decides and {@code arrivedAt} is not used.
     */
    public void onSignal(String text, SignalMessage.Parsed parsed, long arrivedAt, LedgerUpdate cursor) {
        if (parsed.signal() == null) {
            units.run(l -> {
                units.journal(JournalEntry.invalidSignal(l.clock, intentIdOf(text), text, l.balance));
                cursor.apply(l);
            });
            return;
        }
        long started = System.nanoTime();
        SignalMessage s = parsed.signal();
        long now = timeOf(arrivedAt);
        endDue(now);
        LimitEntries.Resting resting = limits.restingOf(s.symbol());
        if (resting != null
                && (s.action() == SignalMessage.Action.CLOSE || s.action() == SignalMessage.Action.REVERSE)
                && !store.knowsIntent(s.intentId())) {
            intents.end(resting, Math.max(now, units.clock()), RejectReason.LIMIT_CANCELLED);
        }
        Order order = units.unit(l -> {
            monitor.moveClock(l, now);
            cursor.apply(l);
            return intents.decide(s, text, l);
        });
        if (order != null) {
            units.commit(); // the intent, PENDING with its exact order, is durable before the order leaves
            intents.place(s.intentId(), order, null);
            units.commit(); // the fill too: an open is journaled as soon as it is known
        }
        if (metrics != null) {
            metrics.onDecision(System.nanoTime() - started);
        }
    }

    /** Records that an input record was consumed without effect (a tick line that failed validation). */
    public void consumed(LedgerUpdate cursor) {
        units.run(cursor::apply);
    }

    /**
     * Applies the requests of {@code executor pause|resume|close} made since the last call, each in
     * its own unit, in order: PAUSE and RESUME set the ledger's {@link Ledger#paused} (opens are
     * then REJECTED / PAUSED; exits still run), CLOSE closes the symbol's position, or every
     * position, at its last price with reason MANUAL. A live run calls it after every poll and at
     * start; a replay does not.
     */
    public void applyControls() {
        for (Control c : store.controls()) {
            units.run(l -> {
                switch (c.command()) {
                    case "PAUSE", "RESUME" -> {
                        l.paused = c.command().equals("PAUSE");
                        LOG.warn(
                                "executor {}: {}",
                                l.paused ? "paused" : "resumed",
                                l.paused ? "no opens until resume" : "opens allowed");
                    }
                    case "CLOSE" -> exits.closeByHand(c.symbol(), l);
                    default -> LOG.warn("unknown control request {} ignored", c.command());
                }
                store.controlApplied(c.seq());
            });
        }
        units.commit();
    }

    // ---- clock and commits ----

    /** Live: moves the clock to the wall clock's time (runs the due monitors) and reconciles when due. No-op in a replay. */
    public void tickClock() {
        if (wallClock != null) {
            long now = wallClock.millis();
            endDue(now);
            units.run(l -> monitor.moveClock(l, now));
            venue.reconcileIfDue(now);
        }
    }

    /**
     * Makes every event applied so far durable: the clock, prices and read positions of the ticks
     * and quotes waiting for a unit, then the open group of units. A replay calls it at its end, a
     * live run before it commits Kafka offsets.
     */
    public void flush() {
        units.flush();
    }

    /**
     * Compares the portfolio's positions with the venue's: each difference is logged and counted
     * ({@code scalp_executor_reconcile_differences}). Nothing for the paper broker. A live run calls
     * it at start and every {@link VenueAccount#RECONCILE_INTERVAL_MS}.
     *
     * @return the differences, in words (empty when the portfolio and the venue agree)
     */
    public List<String> reconcile() {
        return venue.reconcile();
    }

    /** The last Kafka offset applied for {@code partition} ({@code topic-partition}), as committed, or null. */
    @Nullable
    public Long appliedOffset(String partition) {
        return store.appliedOffset(partition);
    }

    /** The ledger as committed. */
    public Ledger ledger() {
        return units.ledger();
    }

    /** The time an event at {@code ts} is processed at: its own in a replay, the wall clock live. */
    private long timeOf(long ts) {
        return wallClock != null ? wallClock.millis() : ts;
    }

    /** Applies a read position to the ledger in the same unit as the event. */
    @FunctionalInterface
    public interface LedgerUpdate {
        LedgerUpdate NONE = l -> {};

        void apply(Ledger ledger);
    }

    @Nullable
    private static String intentIdOf(String text) {
        try {
            var n = JSON.readTree(text);
            return n != null && n.path("intent_id").isTextual()
                    ? n.get("intent_id").asText()
                    : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
