package io.scalpsignals.executor;

import io.scalpsignals.executor.SignalMessage.Action;
import io.scalpsignals.executor.options.ContractSelector;
import io.scalpsignals.executor.options.OptionChain;
import io.scalpsignals.executor.options.OptionQuote;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.model.IntentIds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The executor's decisions (SPEC.md §7): each intent to at most one order, the guardrails in
 * order, exits on ticks and from the monitor, the ledger. Every event is applied to the {@link
 * StateStore} as one unit, committed alone or in groups (group commit, one fsync per group: see
 * {@link StateStore#batched}; the executor's commands use groups of up to {@value
 * StateStore#MAX_GROUP} events); a tick or option quote that
 * changes nothing but the clock, a last price and the read position is not even written alone
 * (see {@link #onTick}, {@link #onQuote}). An open is two units around the order: the intent is
 * committed as PENDING (with the exact order), and the group with it, before the order is sent,
 * the fill right after it; {@link #recover()} settles PENDING intents after a crash by asking the broker for
 * the client order id, and a close lost with its group is found again when its ticks are read
 * again and sent under the same client order id (which the broker answers with the first fill),
 * so an order is neither repeated nor lost.
 *
 * <p>Time is injected: a replay's clock is the largest event time seen, a live engine's the
 * {@link Clock} it is given; the monitor runs at every multiple of {@code monitor_interval_sec} the clock
 * passes, and known intent ids older than {@code intent_ttl_sec} are purged at every hour.
 *
 * <p>Given {@link OptionsConfig options}, an open is an options scalp: the signal on the underlying
 * buys a call ({@code OPEN_LONG}) or a put ({@code OPEN_SHORT}) chosen by the {@link
 * ContractSelector} from the chain that {@link #onQuote} keeps, sized in whole contracts at the ask,
 * and managed on the contract's mid with the options' take profit, stop loss and time limit. The
 * chain is held in memory: a restarted live executor manages a scalp again once its contract's next
 * quote arrives.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    private static final long HOUR_MS = 3_600_000L;

    private final StateStore store;
    private final Broker broker;
    private final ExecutorConfig config;
    @Nullable private final Clock wallClock;
    @Nullable private ExecutorMetrics metrics;
    private final List<JournalEntry> uncommitted = new ArrayList<>();
    @Nullable private final OptionsConfig options;
    private final TradingMode mode;
    @Nullable private final ZoneId zone;
    private final OptionChain chain = new OptionChain();
    private final Book book;

    private final DeferredEvents deferred = new DeferredEvents();
    /** A live venue's available balance (read at start and after every fill), which sizes opens; null: the ledger's. */
    @Nullable private BigDecimal venueAvailable;
    /** Live: when the book is next reconciled with the venue's positions, wall-clock ms. */
    private long nextReconcile = Long.MIN_VALUE;
    /** How often a live run reconciles the book with the venue's positions ({@code reconcile_interval_sec}). */
    static final long RECONCILE_INTERVAL_MS = 60_000L;
    /** Closes the venue refused, by symbol: not asked again before this executor time, ms (in memory: a restart asks at once). */
    private final Map<String, Long> closeRetryAt = new HashMap<>();
    private boolean ledgerRead;

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
    public Engine(StateStore store, Broker broker, ExecutorConfig config, @Nullable Clock wallClock, @Nullable OptionsConfig options) {
        this.store = store;
        this.broker = broker;
        this.config = config;
        this.wallClock = wallClock;
        this.options = options;
        this.mode = options == null ? new LinearMode(config) : new OptionsMode(options, config, chain);
        this.book = new Book(store, chain);
        this.zone = options == null ? null : options.zone();
    }

    /**
     * Reports committed journal entries, the book and decision latencies to {@code metrics}; the
     * book as committed is reported at once, so a restarted executor shows its balance before
     * the first event.
     */
    public Engine withMetrics(ExecutorMetrics metrics) {
        this.metrics = metrics;
        Ledger l = ledger();
        metrics.onBook(store.positions(), l, book.equity(l), config);
        return this;
    }

    /**
     * Makes every event applied so far durable: the clock, prices and input positions of the ticks
     * and quotes deferred since the last transaction (see {@link #onTick}, {@link #onQuote}), then
     * the open group of events (see {@link StateStore#batched}). A replay calls it at its end, a
     * live run before it commits Kafka offsets.
     */
    public void flush() {
        if (!deferred.isEmpty()) {
            tx(() -> {
                store.putLedger(ledgerNow());
                return null;
            });
        }
        commit();
    }

    /** Live: moves the clock to the wall clock's time (runs the due monitors). No-op in a replay. */
    public void tickClock() {
        if (wallClock != null) {
            long now = wallClock.millis();
            advanceClock(now);
            if (now >= nextReconcile) {
                reconcile();
            }
        }
    }

    /**
     * Compares the book's linear positions with the venue's ({@link Broker#positions()}): each
     * difference is logged and counted ({@code scalp_executor_reconcile_differences}); a position
     * the executor does not know is left alone and reported. Nothing for the paper broker. A live
     * run calls it at start and every {@link #RECONCILE_INTERVAL_MS}.
     *
     * @return the differences, in words (empty when the book and the venue agree)
     */
    public List<String> reconcile() {
        Optional<Map<String, BigDecimal>> venue = broker.positions();
        if (venue.isEmpty()) {
            return List.of();
        }
        List<String> differences = Book.differences(store.positions(), venue.get());
        differences.forEach(d -> LOG.warn("reconcile: {}", d));
        if (metrics != null) {
            metrics.onReconcile(differences.size());
        }
        if (wallClock != null) {
            nextReconcile = wallClock.millis() + RECONCILE_INTERVAL_MS;
        }
        return differences;
    }

    /** After a fill: the venue's balance again (kept as it was if the venue cannot be read now). */
    private void refreshVenueBalance() {
        if (venueAvailable == null) {
            return;
        }
        try {
            venueAvailable = broker.availableBalance().orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the venue's balance after a fill; sizing with the last one read: {}", e.getMessage());
        }
    }

    /** The time an event at {@code ts} is processed at: its own in a replay, the wall clock live. */
    private long timeOf(long ts) {
        return wallClock != null ? wallClock.millis() : ts;
    }

    /**
     * The ledger in a transaction: as committed, with what the deferred ticks and quotes wait to
     * write (their clock, prices and read positions).
     */
    private Ledger ledgerNow() {
        Ledger l = ledger();
        deferred.applyTo(l, store);
        ledgerRead = true;
        return l;
    }

    /** The clock with the deferred quotes', epoch ms ({@code Long.MIN_VALUE} before the first event). */
    private long clock() {
        return deferred.clock(store.ledgerClock());
    }

    /** The last Kafka offset applied for {@code partition} ({@code topic-partition}), as committed, or null. */
    @Nullable
    public Long appliedOffset(String partition) {
        return store.appliedOffset(partition);
    }

    /** The ledger as committed. */
    public Ledger ledger() {
        return store.ledger(config.startingBalance());
    }

    /** Moves the clock to {@code ts} if that is later, in one transaction: see {@link #moveClock}. */
    private void advanceClock(long ts) {
        tx(() -> {
            Ledger l = ledgerNow();
            moveClock(l, ts);
            store.putLedger(l);
            return null;
        });
    }

    /**
     * Moves {@code l}'s clock to {@code ts} if that is later, running the monitor (exits of every
     * open position at its last price) at each multiple of the monitor interval passed, and the
     * intent purge as of the last hour boundary passed. Runs inside the caller's transaction; the caller
     * stores {@code l}.
     */
    private void moveClock(Ledger l, long ts) {
        if (l.clock != Long.MIN_VALUE && ts <= l.clock) {
            return;
        }
        long interval = config.monitorIntervalSec() * 1000L;
        long from = l.clock == Long.MIN_VALUE ? ts : l.clock;
        long first = Math.floorDiv(from, interval) * interval + interval;
        Map<String, Double> prices = DeferredEvents.crosses(from, ts, interval) ? store.lastPrices() : Map.of();
        for (long at = first; at <= ts; at += interval) {
            l.clock = at;
            for (Position p : store.positions()) {
                Double price = book.markPrice(p, prices);
                if (price != null) {
                    checkExit(p, price, at, l);
                }
            }
        }
        if (DeferredEvents.crosses(from, ts, HOUR_MS)) {
            store.purgeIntents(Math.floorDiv(ts, HOUR_MS) * HOUR_MS - config.intentTtlSec() * 1000L);
        }
        l.clock = ts;
    }

    /**
     * A trade of {@code symbol}: its last price, then its position's exits at that price. A tick
     * that changes nothing durable but the clock, the symbol's last price and the input position
     * (no position of the symbol follows its price, and moving the clock there runs no monitor over
     * an open position and crosses no hour) is not committed alone: it joins the next transaction,
     * as a deferred quote does ({@link DeferredEvents}).
     */
    public void onTick(String symbol, long ts, double price, LedgerUpdate cursor) {
        long at = timeOf(ts);
        Position held = store.positionOf(symbol);
        if (deferred.hasRoom() && (held == null || held.isOption()) && clockMoveDeferrable(at, clock(), store.hasPositions())) {
            deferred.addTick(symbol, price, at, cursor);
            return;
        }
        tx(() -> {
            Ledger l = ledgerNow();
            moveClock(l, at);
            store.setLastPrice(symbol, price);
            Optional<Position> open = store.position(symbol);
            if (open.isPresent() && !open.get().isOption()) { // a scalp follows its contract's quotes
                checkExit(open.get(), price, l.clock, l);
                book.trackPeak(l); // equity moves with every price of an open position
            }
            cursor.apply(l);
            store.putLedger(l);
            return null;
        });
    }

    /**
     * An option-chain line (options mode): the contract's quote joins the chain (unless the chain
     * holds a newer one), then the scalp holding that contract is checked for exits at its mid.
     * The clock moves to the quote's {@code ts} first, so a monitor due before it sees the chain
     * without it. A quote that changes nothing but the clock and the input position is committed
     * with the next transaction ({@link #flush} forces it).
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
        requireOptions();
        if (parsed.quote() == null) {
            consumed(cursor);
            return parsed.error();
        }
        OptionQuote q = parsed.quote();
        long at = timeOf(q.ts());
        List<Position> open = store.positions();
        long clock = clock();
        if (deferrable(q, at, clock, open)) {
            expireChain(Math.max(at, clock), open);
            chain.add(q);
            deferred.add(at, cursor);
            return null;
        }
        tx(() -> {
            Ledger l = ledgerNow();
            moveClock(l, at);
            List<Position> positions = store.positions();
            expireChain(l.clock, positions);
            chain.add(q);
            for (Position p : positions) {
                if (q.optionSymbol().equals(p.contract()) && q.underlying().equals(p.symbol())) {
                    checkExit(p, book.markPrice(p, Map.of()), l.clock, l);
                    book.trackPeak(l);
                }
            }
            cursor.apply(l);
            store.putLedger(l);
            return null;
        });
        return null;
    }

    /**
     * Whether a quote at {@code at} changes nothing but the clock: no scalp holds its contract, and
     * moving the clock there from {@code clock} runs no monitor over an open position and crosses
     * no hour (the intent purge).
     */
    private boolean deferrable(OptionQuote q, long at, long clock, List<Position> positions) {
        if (!deferred.hasRoom() || positions.stream().anyMatch(p -> q.optionSymbol().equals(p.contract()))) {
            return false;
        }
        return clockMoveDeferrable(at, clock, !positions.isEmpty());
    }

    private boolean clockMoveDeferrable(long at, long clock, boolean positionsOpen) {
        return DeferredEvents.clockMoveDeferrable(at, clock, positionsOpen, config.monitorIntervalSec() * 1000L);
    }

    /** The chain as of {@code clock}'s exchange date, the contracts {@code positions} hold kept. */
    private void expireChain(long clock, List<Position> positions) {
        LocalDate day = exchangeDate(clock);
        if (!day.equals(chain.today())) {
            chain.expire(day, positions.stream().filter(Position::isOption).map(Position::contract).toList());
        }
    }

    /**
     * Adds a chain line's quote to the chain with no other effect: a resumed replay re-reading the
     * lines it applied before. A line that is no quote is ignored, as it was then.
     */
    public void restoreQuote(OptionQuote.Parsed parsed) {
        requireOptions();
        if (parsed.quote() != null) {
            chain.add(parsed.quote());
        }
    }

    private void requireOptions() {
        if (options == null) {
            throw new IllegalStateException("an option quote reached an engine without options configuration");
        }
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
        return SignalMessage.parse(text, config.defaultTimeInTradeLimitSec(), config.defaultCooldownSec(), mode.riskParametersRequired());
    }

    /** As {@link #onSignal(String, LedgerUpdate)}, for a text its reader has parsed with {@link #parseSignal}. */
    public void onSignal(String text, SignalMessage.Parsed parsed, LedgerUpdate cursor) {
        if (parsed.signal() == null) {
            tx(() -> {
                Ledger l = ledgerNow();
                journal(JournalEntry.invalidSignal(l.clock, intentIdOf(text), text, l.balance));
                cursor.apply(l);
                store.putLedger(l);
                return null;
            });
            return;
        }
        long started = System.nanoTime();
        SignalMessage s = parsed.signal();
        long now = timeOf(s.ts());
        Broker.Order order = tx(() -> decide(s, now, text, cursor));
        if (order != null) {
            commit(); // the intent, PENDING with its exact order, is durable before the order leaves
            place(s.intentId(), order, null);
            commit(); // the fill too: an open is journaled as soon as it is known
        }
        if (metrics != null) {
            metrics.onDecision(System.nanoTime() - started);
        }
    }

    /**
     * Applies the requests of {@code executor pause|resume|close} made since the last call, each in
     * its own transaction, in order: PAUSE and RESUME set the ledger's {@link Ledger#paused} (opens
     * are then REJECTED / PAUSED; exits still run), CLOSE closes the symbol's position, or every
     * position, at its last price with reason MANUAL (a symbol without a position is logged). A
     * live run calls it after every poll and at start; a replay does not.
     */
    public void applyControls() {
        for (StateStore.Control c : store.controls()) {
            tx(() -> {
                Ledger l = ledgerNow();
                switch (c.command()) {
                    case "PAUSE", "RESUME" -> {
                        l.paused = c.command().equals("PAUSE");
                        LOG.warn("executor {}: {}", l.paused ? "paused" : "resumed", l.paused ? "no opens until resume" : "opens allowed");
                    }
                    case "CLOSE" -> {
                        List<Position> targets = store.positions().stream()
                                .filter(p -> c.symbol() == null || p.symbol().equals(c.symbol())).toList();
                        if (targets.isEmpty()) {
                            LOG.warn("close {}: no open position", c.symbol() == null ? "--all" : c.symbol());
                        }
                        for (Position p : targets) {
                            Double price = book.markPrice(p, store.lastPrices());
                            if (price == null) {
                                LOG.warn("close {}: no price to close at yet; the request is dropped", p.symbol());
                            } else {
                                close(p, price, l.clock, Decision.MANUAL, l);
                            }
                        }
                        book.trackPeak(l);
                    }
                    default -> LOG.warn("unknown control request {} ignored", c.command());
                }
                store.controlApplied(c.seq());
                store.putLedger(l);
                return null;
            });
        }
        commit();
    }

    /** Records that an input record was consumed without effect (a tick line that failed validation). */
    public void consumed(LedgerUpdate cursor) {
        tx(() -> {
            Ledger l = ledgerNow();
            cursor.apply(l);
            store.putLedger(l);
            return null;
        });
    }

    /**
     * Reads a live venue's available balance, then settles intents left PENDING by a crash: adopts
     * the fill the broker has, or sends the stored order. Called once at start.
     *
     * @throws StateStore.StateException when the state holds options scalps and this engine has no
     *     options configuration (nothing could price or close them)
     */
    public void recover() {
        venueAvailable = broker.availableBalance().orElse(null); // a live venue's balance: fail at start when unreadable
        Map<String, Broker.Order> unsettled = new LinkedHashMap<>();
        store.unsettledIntents().forEach((id, pending) -> unsettled.put(id, PendingIntent.parse(id, pending).order()));
        if (options == null) {
            List<String> scalps = new ArrayList<>();
            store.positions().stream().filter(Position::isOption).forEach(p -> scalps.add(p.symbol() + " " + p.contract()));
            unsettled.values().stream().filter(Broker.Order::option).forEach(o -> scalps.add(o.symbol() + " (pending)"));
            if (!scalps.isEmpty()) {
                throw new StateStore.StateException("the state holds options scalps (" + String.join(", ", scalps)
                        + "); start the executor with their chain (--chain or --chain-topic)", null);
            }
        }
        for (Map.Entry<String, Broker.Order> e : unsettled.entrySet()) {
            place(e.getKey(), e.getValue(), broker.query(e.getKey()).orElse(null));
            commit();
        }
    }

    /**
     * One event, in the store's open group of events ({@link StateStore#batched}); its journal
     * entries reach the metrics once the group is committed.
     */
    private <T> T tx(Supplier<T> work) {
        ledgerRead = false;
        T result;
        try {
            result = store.batched(work);
        } catch (RuntimeException e) {
            uncommitted.clear(); // the whole group was rolled back
            throw e;
        }
        if (ledgerRead) {
            deferred.clear();
        }
        reportCommitted();
        return result;
    }

    /** Commits the open group of events: before an order leaves, its intent must be durable. */
    private void commit() {
        store.commit();
        reportCommitted();
    }

    private void reportCommitted() {
        if (!store.committed()) {
            return;
        }
        if (metrics != null) {
            uncommitted.forEach(metrics::onJournal);
            Ledger l = ledger();
            metrics.onBook(store.positions(), l, book.equity(l), config);
        }
        uncommitted.clear();
    }

    /** Applies a replay position to the ledger in the same transaction as the event. */
    @FunctionalInterface
    public interface LedgerUpdate {
        LedgerUpdate NONE = l -> {};

        void apply(Ledger ledger);
    }

    // ---- signals ----

    /**
     * Moves the clock to {@code at}, then journals a duplicate or a rejection, or records the intent
     * PENDING and returns its order.
     */
    @Nullable
    private Broker.Order decide(SignalMessage s, long at, String text, LedgerUpdate cursor) {
        Ledger l = ledgerNow();
        moveClock(l, at);
        cursor.apply(l);
        long now = l.clock;
        if (store.knowsIntent(s.intentId())) {
            journal(JournalEntry.duplicate(now, s, l.balance));
            store.putLedger(l);
            return null;
        }
        Action action = s.action() == Action.REVERSE && !config.enableReverse() ? Action.CLOSE : s.action();
        if (action == Action.HOLD) {
            reject(s, Decision.HOLD, l);
            return null;
        }
        if (action == Action.CLOSE || action == Action.REVERSE) {
            Optional<Position> open = store.position(s.symbol());
            Double price = open.isEmpty() ? null : book.markPrice(open.get(), store.lastPrices());
            if (open.isEmpty() || price == null) {
                reject(s, Decision.NO_POSITION, l);
                return null;
            }
            close(open.get(), price, now, Decision.CLOSE_SIGNAL, l);
            if (action == Action.CLOSE) {
                store.recordIntent(s.intentId(), s.symbol(), IntentStatus.FILLED, s.ts(), now, text);
                store.putLedger(l);
                return null;
            }
            // REVERSE, enabled: the position is closed; open the other way
            int direction = -open.get().direction();
            return open(new SignalMessage(s.intentId(), s.symbol(), direction > 0 ? Action.OPEN_LONG : Action.OPEN_SHORT,
                    s.ts(), s.price(), s.confidence(), s.leverage(), s.sizePct(), s.tpPct(), s.slPct(),
                    s.timeInTradeLimitSec(), s.cooldownSec(), s.trailActivationRoi(), s.trailDistanceRoi()), l);
        }
        return open(s, l);
    }

    /** The checks of SPEC.md §7 in order; the PENDING intent and its order when all pass. */
    @Nullable
    private Broker.Order open(SignalMessage s, Ledger l) {
        Decision failed = firstFailedCheck(s, l);
        if (failed != null) {
            reject(s, failed, l);
            return null;
        }
        TradingMode.Entry entry = mode.enter(s, venueAvailable != null ? venueAvailable : book.available(l), l.clock, store.lastPrices());
        if (entry instanceof TradingMode.Refused refused) {
            reject(s, refused.reason(), refused.detail(), l);
            return null;
        }
        TradingMode.Sized sized = (TradingMode.Sized) entry;
        OptionQuote q = sized.contract();
        PendingIntent pending = new PendingIntent(sized.signal(), sized.order(), sized.margin(),
                q == null ? null : new JournalEntry.Contract(q.optionSymbol(), q.delta(), q.spreadPct()), sized.multiplier());
        store.recordIntent(s.intentId(), s.symbol(), IntentStatus.PENDING, s.ts(), l.clock, pending.toJson());
        store.putLedger(l);
        return sized.order();
    }

    /** The first of the mode's entry checks that fails ({@link TradingMode#checks()}), or null. */
    @Nullable
    private Decision firstFailedCheck(SignalMessage s, Ledger l) {
        EntryCheck.Context c = new EntryCheck.Context(s, l, l.clock, store.positions(), store, config, book.equity(l));
        for (EntryCheck check : mode.checks()) {
            Decision failed = check.check(c);
            if (failed != null) {
                return failed;
            }
        }
        return null;
    }

    /** The exchange date of {@code ts} in the options' time zone. */
    private LocalDate exchangeDate(long ts) {
        return OptionsMode.exchangeDate(ts, zone);
    }

    /**
     * Sends the PENDING intent's order (unless {@code known}, its fill found at the broker) and
     * settles the intent: the position on a fill; REJECTED with the venue's reason when the order
     * is refused for good, so neither the executor nor a restart sends it again.
     */
    private void place(String intentId, Broker.Order order, @Nullable Broker.Fill known) {
        Broker.Fill fill;
        try {
            fill = known != null ? known : broker.place(order);
        } catch (Broker.OrderRefused refused) {
            LOG.warn("order of intent {} refused: {} {}", intentId, refused.reason(), refused.getMessage());
            tx(() -> {
                Ledger l = ledgerNow();
                SignalMessage s = pending(intentId).signal();
                store.setIntentStatus(intentId, IntentStatus.REJECTED);
                journal(JournalEntry.rejected(l.clock, s, refused.reason(), refused.getMessage(), l.balance));
                store.putLedger(l);
                return null;
            });
            return;
        }
        tx(() -> {
            settleOpen(intentId, fill, ledgerNow());
            return null;
        });
        refreshVenueBalance();
    }

    /** The fill of a PENDING open: the position, the fee, the journal line. */
    private void settleOpen(String intentId, Broker.Fill fill, Ledger l) {
        PendingIntent pending = pending(intentId);
        Position opened = pending.position(fill, l.clock);
        BigDecimal fee = Money.of(opened.notional(fill.price()) * config.feePct());
        store.putPosition(opened.withEntryFee(fee));
        store.setIntentStatus(intentId, IntentStatus.FILLED);
        l.balance = Money.scaled(l.balance.subtract(fee));
        l.countOpen(l.clock);
        if (pending.contract() != null && options != null) {
            l.countScalp(exchangeDate(l.clock).toEpochDay());
        }
        journal(JournalEntry.opened(l.clock, pending.signal(), fill.price(), fill.qty(), l.balance, pending.contract()));
        book.trackPeak(l);
        store.putLedger(l);
    }

    private void reject(SignalMessage s, Decision reason, Ledger l) {
        reject(s, reason, null, l);
    }

    /** @param detail why, in words, for the journal; or null */
    private void reject(SignalMessage s, Decision reason, @Nullable String detail, Ledger l) {
        store.recordIntent(s.intentId(), s.symbol(), IntentStatus.REJECTED, s.ts(), l.clock, "{}");
        journal(JournalEntry.rejected(l.clock, s, reason, detail, l.balance));
        store.putLedger(l);
    }

    // ---- exits ----

    /** Closes {@code p} if an exit is due ({@link Position#exit}); otherwise keeps its best roi for the trailing stop. */
    private void checkExit(Position p, double price, long now, Ledger l) {
        double maxRoi = Math.max(p.maxRoi(), p.roi(price));
        Decision exit = p.exit(price, now);
        if (exit != null) {
            close(p, price, now, exit, l);
        } else if (maxRoi != p.maxRoi()) {
            store.putPosition(p.withMaxRoi(maxRoi));
        }
    }

    /**
     * Closes {@code p} at {@code price} through the broker with a reduce-only order (an option at
     * its contract's latest bid); PnL after both fees, cooldowns. A close the venue refuses because
     * it no longer holds the position is booked as VENUE_CLOSED at {@code price} without an exit
     * fee; any other refusal keeps the position and asks again after {@code monitor_interval_sec}.
     */
    private void close(Position p, double price, long now, Decision reason, Ledger l) {
        Long retryAt = closeRetryAt.get(p.symbol());
        if (retryAt != null && now < retryAt) {
            return; // the venue refused this close: asked again once per monitor interval
        }
        String closeId = IntentIds.of(p.intentId() + "|close");
        Broker.Order order = p.isOption()
                ? new Broker.Order(closeId, p.contract(), p.closingSide(), p.qty(), book.latestQuote(p).orElseThrow().bid(), now, true, true)
                : new Broker.Order(closeId, p.symbol(), p.closingSide(), p.qty(), price, now, false, true);
        Broker.Fill fill;
        BigDecimal exitFee;
        try {
            fill = broker.place(order);
            exitFee = Money.of(p.notional(fill.price()) * config.feePct());
        } catch (Broker.OrderRefused refused) {
            if (refused.reason() != Decision.VENUE_CLOSED) {
                LOG.warn("close of {} ({}) refused, position kept, asked again in {} s: {}", p.symbol(), reason,
                        config.monitorIntervalSec(), refused.getMessage());
                closeRetryAt.put(p.symbol(), now + config.monitorIntervalSec() * 1000L);
                return;
            }
            // gone at the venue (liquidated, closed by hand, a venue-side stop): booked at the last price, no order, no fee
            fill = new Broker.Fill(closeId, order.referencePrice(), p.qty());
            exitFee = BigDecimal.ZERO;
            reason = Decision.VENUE_CLOSED;
        }
        closeRetryAt.remove(p.symbol());
        refreshVenueBalance();
        BigDecimal gross = p.unrealized(fill.price());
        BigDecimal pnl = Money.scaled(gross.subtract(exitFee).subtract(p.entryFee()));
        l.balance = Money.scaled(l.balance.add(gross).subtract(exitFee));
        store.removePosition(p.symbol());
        if (!p.isOption()) { // a scalp's cooldown is LOSS_COOLDOWN
            store.setCooldown(p.symbol(), p.direction(), now + p.cooldownSec() * 1000L);
        }
        l.countTrade(pnl, now, config);
        if (p.isOption() && pnl.signum() < 0) {
            l.scalpCooldownUntil = now + options.cooldownAfterLossSec() * 1000L;
        }
        journal(JournalEntry.closed(now, p, reason, fill.price(), pnl, p.roi(fill.price()), l.balance));
        book.trackPeak(l);
    }

    // ---- records ----

    private void journal(JournalEntry e) {
        store.journal(JournalJson.write(e));
        uncommitted.add(e);
    }

    private PendingIntent pending(String intentId) {
        String text = store.unsettledIntents().get(intentId);
        if (text == null) {
            throw new StateStore.StateException("intent " + intentId + " is not pending", null);
        }
        return PendingIntent.parse(intentId, text);
    }

    @Nullable
    private static String intentIdOf(String text) {
        try {
            var n = JSON.readTree(text);
            return n != null && n.path("intent_id").isTextual() ? n.get("intent_id").asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
