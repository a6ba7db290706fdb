package io.scalpsignals.executor;

import io.scalpsignals.executor.JournalEntry.Event;
import io.scalpsignals.executor.SignalMessage.Action;
import io.scalpsignals.model.IntentIds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The executor's decisions (SPEC.md §7): each intent to at most one order, the guardrails in
 * order, exits on ticks and from the monitor, the ledger. Every event is applied to the {@link
 * StateStore} in one transaction. An open is two transactions around the order: the intent is
 * committed as PENDING (with the exact order) before the order is sent, the fill after; {@link
 * #recover()} settles PENDING intents after a crash by asking the broker for the client order id,
 * so an order is neither repeated nor lost.
 *
 * <p>Time is injected: a replay's clock is the largest event time seen, a live engine's the
 * {@link Clock} it is given; the monitor runs at every multiple of {@code monitor_interval_sec} the clock
 * passes, and known intent ids older than {@code intent_ttl_sec} are purged at every hour.
 */
public final class Engine {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    private static final long HOUR_MS = 3_600_000L;

    private final StateStore store;
    private final Broker broker;
    private final ExecutorConfig config;
    @Nullable private final Clock wallClock;
    @Nullable private ExecutorMetrics metrics;
    private final List<JournalEntry> uncommitted = new ArrayList<>();

    /** A replay engine: the clock is the largest event time seen. */
    public Engine(StateStore store, Broker broker, ExecutorConfig config) {
        this(store, broker, config, null);
    }

    /**
     * @param wallClock the live clock, or null for a replay's event-time clock
     */
    public Engine(StateStore store, Broker broker, ExecutorConfig config, @Nullable Clock wallClock) {
        this.store = store;
        this.broker = broker;
        this.config = config;
        this.wallClock = wallClock;
    }

    /**
     * Reports committed journal entries, the book and decision latencies to {@code metrics}; the
     * book as committed is reported at once, so a restarted executor shows its balance before
     * the first event.
     */
    public Engine withMetrics(ExecutorMetrics metrics) {
        this.metrics = metrics;
        Ledger l = ledger();
        metrics.onBook(store.positions(), l, equity(l), config);
        return this;
    }

    /** Live: moves the clock to the wall clock's time (runs the due monitors). No-op in a replay. */
    public void tickClock() {
        if (wallClock != null) {
            advanceClock(wallClock.millis());
        }
    }

    /** The time an event at {@code ts} is processed at: its own in a replay, the wall clock live. */
    private long timeOf(long ts) {
        return wallClock != null ? wallClock.millis() : ts;
    }

    /** The ledger as committed. */
    public Ledger ledger() {
        return store.ledger(config.startingBalance());
    }

    /**
     * Moves the clock to {@code ts} if that is later, in one transaction: see {@link #moveClock}.
     */
    public void advanceClock(long ts) {
        tx(() -> {
            Ledger l = ledger();
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
        Map<String, Double> prices = first <= ts ? store.lastPrices() : Map.of();
        for (long at = first; at <= ts; at += interval) {
            l.clock = at;
            for (Position p : store.positions()) {
                Double price = prices.get(p.symbol());
                if (price != null) {
                    checkExit(p, price, at, l);
                }
            }
        }
        long hour = Math.floorDiv(ts, HOUR_MS) * HOUR_MS;
        if (hour > from) {
            store.purgeIntents(hour - config.intentTtlSec() * 1000L);
        }
        l.clock = ts;
    }

    /** A trade of {@code symbol}: its last price, then its position's exits at that price. */
    public void onTick(String symbol, long ts, double price, LedgerUpdate cursor) {
        tx(() -> {
            Ledger l = ledger();
            moveClock(l, timeOf(ts));
            store.setLastPrice(symbol, price);
            Optional<Position> open = store.position(symbol);
            if (open.isPresent()) {
                checkExit(open.get(), price, l.clock, l);
                trackPeak(l); // equity moves with every price of an open position
            }
            cursor.apply(l);
            store.putLedger(l);
            return null;
        });
    }

    /**
     * A signal's text. The clock moves to the signal's {@code ts} if that is later (replay); a
     * text that is no valid signal is journaled REJECTED / INVALID_SIGNAL with its raw text.
     */
    public void onSignal(String text, LedgerUpdate cursor) {
        SignalMessage.Parsed parsed = SignalMessage.parse(text, config.defaultTimeInTradeLimitSec(), config.defaultCooldownSec());
        if (parsed.signal() == null) {
            tx(() -> {
                Ledger l = ledger();
                journal(new JournalEntry(l.clock, Event.REJECTED, intentIdOf(text), null, null, Decision.INVALID_SIGNAL,
                        null, null, null, null, l.balance, text));
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
            Broker.Fill fill = broker.place(order);
            tx(() -> {
                settleOpen(s.intentId(), fill, ledger());
                return null;
            });
        }
        if (metrics != null) {
            metrics.onDecision(System.nanoTime() - started);
        }
    }

    /** Records that an input record was consumed without effect (a tick line that failed validation). */
    public void consumed(LedgerUpdate cursor) {
        tx(() -> {
            Ledger l = ledger();
            cursor.apply(l);
            store.putLedger(l);
            return null;
        });
    }

    /** Settles intents left PENDING by a crash: adopts the fill the broker has, or sends the stored order. */
    public void recover() {
        for (Map.Entry<String, String> e : store.unsettledIntents().entrySet()) {
            Broker.Order order = readOrder(e.getValue());
            Broker.Fill fill = broker.query(e.getKey()).orElseGet(() -> broker.place(order));
            tx(() -> {
                settleOpen(e.getKey(), fill, ledger());
                return null;
            });
        }
    }

    /** One transaction; its journal entries reach the metrics only once it is committed. */
    private <T> T tx(Supplier<T> work) {
        uncommitted.clear();
        T result = store.transaction(work);
        if (metrics != null) {
            uncommitted.forEach(metrics::onJournal);
            Ledger l = ledger();
            metrics.onBook(store.positions(), l, equity(l), config);
        }
        uncommitted.clear();
        return result;
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
        Ledger l = ledger();
        moveClock(l, at);
        cursor.apply(l);
        long now = l.clock;
        if (store.knowsIntent(s.intentId())) {
            journal(entry(now, Event.DUPLICATE, s, null, s.price(), null, l));
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
            Double price = store.lastPrices().get(s.symbol());
            if (open.isEmpty() || price == null) {
                reject(s, Decision.NO_POSITION, l);
                return null;
            }
            close(open.get(), price, now, Decision.CLOSE_SIGNAL, l);
            if (action == Action.CLOSE) {
                store.recordIntent(s.intentId(), s.symbol(), "FILLED", s.ts(), now, text);
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
        long now = l.clock;
        Decision reason = null;
        Double last = store.lastPrices().get(s.symbol());
        BigDecimal available = available(l);
        long day = Math.floorDiv(now, 86_400_000L);
        int dayTrades = l.day == day ? l.dayTrades : 0;
        Optional<Position> open = store.position(s.symbol());
        if (now - s.ts() > config.maxSignalAgeSec() * 1000L) {
            reason = Decision.STALE_SIGNAL;
        } else if (last == null) {
            reason = Decision.NO_PRICE;
        } else if (s.confidence() < config.minConfidence()) {
            reason = Decision.LOW_CONFIDENCE;
        } else if (dayTrades >= config.maxDailyTrades()) {
            reason = Decision.MAX_DAILY_TRADES;
        } else if (config.drawdownGuardActive(equity(l), l.peakEquity)) {
            reason = Decision.DRAWDOWN_GUARD;
        } else if (l.lossCooldownUntil != Long.MIN_VALUE && now < l.lossCooldownUntil) {
            reason = Decision.CONSECUTIVE_LOSSES;
        } else if (now < store.cooldownUntil(s.symbol(), s.direction())) {
            reason = Decision.COOLDOWN;
        } else if (open.isPresent() && open.get().direction() != s.direction()) {
            reason = Decision.ONE_WAY;
        } else if (open.isPresent()) {
            reason = Decision.ALREADY_OPEN;
        } else if (store.positions().size() >= config.maxPositions()) {
            reason = Decision.MAX_POSITIONS;
        } else if (available.compareTo(config.minAvailable()) < 0) {
            reason = Decision.INSUFFICIENT_MARGIN;
        }
        if (reason != null) {
            reject(s, reason, l);
            return null;
        }
        BigDecimal margin = Money.scaled(available.multiply(BigDecimal.valueOf(s.sizePct())));
        double expectedFill = last * (1 + s.direction() * config.slippagePct());
        double qty = margin.doubleValue() * s.leverage() / expectedFill;
        Broker.Order order = new Broker.Order(s.intentId(), s.symbol(), s.direction(), qty, last, now);
        store.recordIntent(s.intentId(), s.symbol(), "PENDING", s.ts(), now, pendingRecord(s, order, margin));
        store.putLedger(l);
        return order;
    }

    /** The fill of a PENDING open: the position, the fee, the journal line. */
    private void settleOpen(String intentId, Broker.Fill fill, Ledger l) {
        ObjectNode pending = readPending(intentId);
        SignalMessage s = JSON.convertValue(pending.get("signal"), SignalMessage.class);
        BigDecimal margin = new BigDecimal(pending.get("margin").asText());
        BigDecimal fee = Money.of(fill.price() * fill.qty() * config.feePct());
        Position p = new Position(s.symbol(), s.direction(), s.intentId(), fill.price(), fill.qty(), margin, fee,
                s.leverage(), l.clock, s.tpPct(), s.slPct(), s.timeInTradeLimitSec(), s.cooldownSec(),
                s.trailActivationRoi(), s.trailDistanceRoi(), 0.0);
        store.putPosition(p);
        store.setIntentStatus(intentId, "FILLED");
        l.balance = Money.scaled(l.balance.subtract(fee));
        long day = Math.floorDiv(l.clock, 86_400_000L);
        l.dayTrades = l.day == day ? l.dayTrades + 1 : 1;
        l.day = day;
        journal(new JournalEntry(l.clock, Event.OPENED, s.intentId(), s.symbol(), s.action().name(), null,
                fill.price(), fill.qty(), null, null, l.balance, null));
        trackPeak(l);
        store.putLedger(l);
    }

    private void reject(SignalMessage s, Decision reason, Ledger l) {
        store.recordIntent(s.intentId(), s.symbol(), "REJECTED", s.ts(), l.clock, "{}");
        journal(entry(l.clock, Event.REJECTED, s, reason, s.price(), null, l));
        store.putLedger(l);
    }

    // ---- exits ----

    /** SPEC.md §7's exits in priority order; updates the trailing-stop state otherwise. */
    private void checkExit(Position p, double price, long now, Ledger l) {
        double roi = p.roi(price);
        double maxRoi = Math.max(p.maxRoi(), roi);
        Decision exit = null;
        if (roi <= -p.slPct()) {
            exit = Decision.STOP_LOSS;
        } else if (roi >= p.tpPct()) {
            exit = Decision.TAKE_PROFIT;
        } else if (maxRoi >= p.trailActivationRoi() && p.trailActivationRoi() > 0 && roi <= maxRoi - p.trailDistanceRoi()) {
            exit = Decision.TRAILING_STOP;
        } else if (now - p.openedTs() > p.timeLimitSec() * 1000L) {
            exit = Decision.TIME_EXIT;
        }
        if (exit != null) {
            close(p, price, now, exit, l);
        } else if (maxRoi != p.maxRoi()) {
            store.putPosition(p.withMaxRoi(maxRoi));
        }
    }

    /** Closes {@code p} at {@code price} through the broker; PnL after both fees, cooldowns. */
    private void close(Position p, double price, long now, Decision reason, Ledger l) {
        String closeId = IntentIds.of(p.intentId() + "|close");
        Broker.Fill fill = broker.place(new Broker.Order(closeId, p.symbol(), -p.direction(), p.qty(), price, now));
        BigDecimal gross = p.unrealized(fill.price());
        BigDecimal exitFee = Money.of(fill.price() * p.qty() * config.feePct());
        BigDecimal pnl = Money.scaled(gross.subtract(exitFee).subtract(p.entryFee()));
        l.balance = Money.scaled(l.balance.add(gross).subtract(exitFee));
        store.removePosition(p.symbol());
        store.setCooldown(p.symbol(), p.direction(), now + p.cooldownSec() * 1000L);
        if (pnl.signum() < 0) {
            l.lossStreak++;
            if (l.lossStreak >= config.maxConsecutiveLosses()) {
                l.lossCooldownUntil = now + config.cooldownAfterLossSec() * 1000L;
                l.lossStreak = 0;
            }
        } else {
            l.lossStreak = 0;
        }
        journal(new JournalEntry(now, Event.CLOSED, p.intentId(), p.symbol(), "CLOSE",
                reason, fill.price(), p.qty(), pnl, p.roi(fill.price()), l.balance, null));
        trackPeak(l);
    }

    // ---- ledger ----

    private BigDecimal available(Ledger l) {
        BigDecimal locked = BigDecimal.ZERO;
        for (Position p : store.positions()) {
            locked = locked.add(p.margin());
        }
        return Money.scaled(l.balance.subtract(locked));
    }

    /** Balance plus the unrealized PnL of the open positions at their last prices. */
    private BigDecimal equity(Ledger l) {
        BigDecimal equity = l.balance;
        Map<String, Double> prices = store.lastPrices();
        for (Position p : store.positions()) {
            Double price = prices.get(p.symbol());
            if (price != null) {
                equity = equity.add(p.unrealized(price));
            }
        }
        return Money.scaled(equity);
    }

    private void trackPeak(Ledger l) {
        BigDecimal equity = equity(l);
        if (equity.compareTo(l.peakEquity) > 0) {
            l.peakEquity = equity;
        }
    }

    // ---- records ----

    private void journal(JournalEntry e) {
        store.journal(JournalJson.write(e));
        uncommitted.add(e);
    }

    private static JournalEntry entry(long ts, Event event, SignalMessage s, @Nullable Decision reason, double price,
            @Nullable Double qty, Ledger l) {
        return new JournalEntry(ts, event, s.intentId(), s.symbol(), s.action().name(), reason,
                Double.isNaN(price) ? null : price, qty, null, null, l.balance, null);
    }

    private static String pendingRecord(SignalMessage s, Broker.Order order, BigDecimal margin) {
        ObjectNode n = JSON.createObjectNode();
        n.set("signal", JSON.valueToTree(s));
        n.set("order", JSON.valueToTree(order));
        n.put("margin", margin.toPlainString());
        return n.toString();
    }

    private ObjectNode readPending(String intentId) {
        String text = store.unsettledIntents().get(intentId);
        if (text == null) {
            throw new StateStore.StateException("intent " + intentId + " is not pending", null);
        }
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StateStore.StateException("unreadable pending intent " + intentId, e);
        }
    }

    private static Broker.Order readOrder(String pending) {
        try {
            return JSON.treeToValue(JSON.readTree(pending).get("order"), Broker.Order.class);
        } catch (JsonProcessingException e) {
            throw new StateStore.StateException("unreadable pending order", e);
        }
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
