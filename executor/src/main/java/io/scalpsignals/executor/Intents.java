package io.scalpsignals.executor;

import io.scalpsignals.executor.SignalMessage.Action;
import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.ExitReason;
import io.scalpsignals.executor.state.IntentStatus;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;
import io.scalpsignals.executor.state.StateStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A valid signal to at most one order (SPEC.md §7): a known intent id is a DUPLICATE; HOLD is
 * rejected; CLOSE and REVERSE close the symbol's position (REVERSE then opens the other way, when
 * enabled); an open runs the trading mode's entry checks in order, is sized by the mode and
 * recorded PENDING with its exact order. {@link #place} sends that order once the unit that
 * recorded it is committed and settles the intent: the position on a fill, REJECTED when the venue
 * refuses it for good.
 */
final class Intents {

    private static final Logger LOG = LoggerFactory.getLogger(Intents.class);

    private final StateStore store;
    private final Broker broker;
    private final ExecutorConfig config;
    private final TradingMode mode;
    private final Portfolio portfolio;
    private final VenueAccount venue;
    private final Exits exits;
    private final GroupCommit units;
    private final LimitEntries limits;

    @Nullable
    private final ExchangeCalendar calendar;
    /** The live clock, epoch ms, or null in a replay (event time). */
    @Nullable
    private final LongSupplier wallClock;

    private final Monitor monitor;

    Intents(
            StateStore store,
            Broker broker,
            ExecutorConfig config,
            TradingMode mode,
            Portfolio portfolio,
            VenueAccount venue,
            Exits exits,
            GroupCommit units,
            LimitEntries limits,
            @Nullable ExchangeCalendar calendar,
            Monitor monitor,
            @Nullable LongSupplier wallClock) {
        this.calendar = calendar;
        this.monitor = monitor;
        this.wallClock = wallClock;
        this.store = store;
        this.broker = broker;
        this.config = config;
        this.mode = mode;
        this.portfolio = portfolio;
        this.venue = venue;
        this.exits = exits;
        this.units = units;
        this.limits = limits;
    }

    /**
     * Decides signal {@code s} in the unit in progress, the ledger's clock already moved: journals
     * a duplicate or a rejection, or records the intent PENDING.
     *
     * @param text the signal's raw text, stored with a CLOSE's intent
     * @return the order to send once the unit is committed, or null
     */
    @Nullable
    Order decide(SignalMessage s, String text, Ledger l) {
        long now = l.clock;
        if (store.knowsIntent(s.intentId())) {
            units.journal(JournalEntry.duplicate(now, s, l.balance));
            return null;
        }
        Action action = s.action() == Action.REVERSE && !config.enableReverse() ? Action.CLOSE : s.action();
        if (action == Action.HOLD) {
            reject(s, RejectReason.HOLD, null, l);
            return null;
        }
        if (action == Action.CLOSE || action == Action.REVERSE) {
            Optional<Position> open = store.position(s.symbol());
            Double price = open.isEmpty() ? null : portfolio.markPrice(open.get(), store.lastPrices());
            if (open.isEmpty() || price == null) {
                reject(s, RejectReason.NO_POSITION, null, l);
                return null;
            }
            exits.close(open.get(), price, now, ExitReason.CLOSE_SIGNAL, l);
            if (action == Action.CLOSE) {
                store.recordIntent(s.intentId(), s.symbol(), IntentStatus.FILLED, s.ts(), now, text);
                return null;
            }
            // REVERSE, enabled: the position is closed; open the other way
            int direction = -open.get().direction();
            return open(
                    new SignalMessage(
                            s.intentId(),
                            s.symbol(),
                            direction > 0 ? Action.OPEN_LONG : Action.OPEN_SHORT,
                            s.ts(),
                            s.price(),
                            s.confidence(),
                            s.leverage(),
                            s.sizePct(),
                            s.tpPct(),
                            s.slPct(),
                            s.timeInTradeLimitSec(),
                            s.cooldownSec(),
                            s.trailActivationRoi(),
                            s.trailDistanceRoi(),
                            s.trigger()),
                    l);
        }
        return open(s, l);
    }

    /** The mode's checks in order; the PENDING intent and its order when all pass. */
    @Nullable
    private Order open(SignalMessage s, Ledger l) {
        EntryCheck.Context c = new EntryCheck.Context(
                s, l, l.clock, store.positions(), limits.directions(), calendar, store, config, portfolio.equity(l));
        for (EntryCheck check : mode.checks()) {
            RejectReason failed = check.check(c);
            if (failed != null) {
                reject(s, failed, null, l);
                return null;
            }
        }
        TradingMode.Entry entry =
                mode.enter(s, venue.sizingBalance(portfolio.available(l)), l.clock, store.lastPrices());
        if (entry instanceof TradingMode.Refused refused) {
            reject(s, refused.reason(), refused.detail(), l);
            return null;
        }
        TradingMode.Sized sized = (TradingMode.Sized) entry;
        var q = sized.contract();
        PendingIntent pending = new PendingIntent(
                sized.signal(),
                sized.order(),
                sized.margin(),
                q == null ? null : new JournalEntry.Contract(q.optionSymbol(), q.delta(), q.spreadPct()),
                sized.multiplier(),
                null);
        if (limits.enabled() && q == null) {
            LimitEntries.Touch touch = limits.touch(s.symbol());
            if (touch == null) {
                reject(s, RejectReason.NO_QUOTE, null, l);
                return null;
            }
            pending = restingAt(pending, touch, l.clock);
            if (broker.fillsLimitOrdersFromTicks()) {
                limits.rest(s.intentId(), pending.order(), pending.rest());
            } else { // the venue's book fills it: sent as it stands, polled until it ends
                pending = pending.resting(null);
            }
        }
        store.recordIntent(s.intentId(), s.symbol(), IntentStatus.PENDING, s.ts(), l.clock, pending.toJson());
        return pending.rest() == null ? pending.order() : null;
    }

    /**
     * A sized linear open as a post-only limit order at {@code touch} (SPEC.md §7 "Limit entries"):
     * a buy at the bid behind its size, a sell at the ask behind its size; the quantity the margin
     * buys at the limit.
     */
    private static PendingIntent restingAt(PendingIntent sized, LimitEntries.Touch touch, long now) {
        Order market = sized.order();
        boolean buy = market.side() > 0;
        double limit = buy ? touch.bid() : touch.ask();
        double qty = sized.margin().doubleValue() * sized.signal().leverage() / limit;
        Order order = new Order(
                market.clientOrderId(),
                market.symbol(),
                market.instrument(),
                market.side(),
                qty,
                Order.Type.LIMIT,
                limit,
                Order.TimeInForce.POST_ONLY,
                market.referencePrice(),
                now,
                false);
        return new PendingIntent(sized.signal(), order, sized.margin(), null, 1, null)
                .resting(new PendingIntent.Rest(buy ? touch.bidSize() : touch.askSize(), 0));
    }

    /** Records resting limit entry {@code r}'s progress {@code next}, in the unit in progress. */
    void progress(LimitEntries.Resting r, PendingIntent.Rest next) {
        store.setIntentRecord(r.intentId(), pending(r.intentId()).resting(next).toJson());
    }

    /**
     * Ends resting limit entry {@code r} (its progress as recorded) at executor time {@code at}, in
     * units of its own: with something filled, the intent is recorded as ended and the order for
     * what filled sent ({@link #place}: OPENED at the limit, the maker fee, its share of the
     * margin); with nothing, REJECTED with {@code nothingFilled}. The ledger's clock moves to {@code
     * at} first.
     */
    void end(LimitEntries.Resting r, long at, RejectReason nothingFilled) {
        limits.ended(r.order().symbol());
        PendingIntent ended = pending(r.intentId());
        if (ended.rest() != null && ended.rest().filledQty() > 0) {
            PendingIntent filled = ended.resting(ended.rest().end());
            units.run(l -> {
                monitor.moveClock(l, at);
                store.setIntentRecord(r.intentId(), filled.toJson());
            });
            units.commit(); // what filled is durable before the fill is booked at the venue
            place(r.intentId(), filled.sent(), null);
            units.commit();
        } else {
            units.run(l -> {
                monitor.moveClock(l, at);
                store.setIntentStatus(r.intentId(), IntentStatus.REJECTED);
                units.journal(JournalEntry.rejected(l.clock, ended.signal(), nothingFilled, null, l.balance));
            });
        }
    }

    /** @param detail why, in words, for the journal; or null */
    private void reject(SignalMessage s, RejectReason reason, @Nullable String detail, Ledger l) {
        store.recordIntent(s.intentId(), s.symbol(), IntentStatus.REJECTED, s.ts(), l.clock, "{}");
        units.journal(JournalEntry.rejected(l.clock, s, reason, detail, l.balance));
    }

    /**
     * Sends the PENDING intent's order (unless {@code known}, its fill found at the broker) and
     * settles the intent in a unit of its own: the position on a fill; REJECTED with the venue's
     * reason when the order is refused for good, so neither the executor nor a restart sends it
     * again. The unit that recorded the intent must be committed first.
     */
    void place(String intentId, Order order, @Nullable FillReport known) {
        FillReport fill;
        try {
            fill = known != null ? known : broker.place(order);
        } catch (OrderRefused refused) {
            LOG.warn("order of intent {} refused: {} {}", intentId, refused.kind(), refused.getMessage());
            reject(
                    intentId,
                    switch (refused.kind()) {
                        case BELOW_MIN_QTY -> RejectReason.BELOW_MIN_QTY;
                        case WOULD_CROSS -> RejectReason.POST_ONLY_WOULD_CROSS;
                        default -> RejectReason.VENUE_REJECTED;
                    },
                    refused.getMessage());
            return;
        }
        if (!(fill.filledQty() > 0) && order.type() == Order.Type.LIMIT) {
            reject(intentId, RejectReason.LIMIT_TIMEOUT, "cancelled at limit_timeout_ms with nothing filled");
            return;
        }
        if (!(fill.filledQty() > 0)) {
            reject(intentId, RejectReason.VENUE_REJECTED, "cancelled by the venue with nothing filled");
            return;
        }
        units.run(l -> {
            if (wallClock != null && order.type() == Order.Type.LIMIT) {
                monitor.moveClock(l, wallClock.getAsLong()); // a venue's limit entry opens when its rest ended
            }
            settleOpen(intentId, fill, l);
        });
        venue.refreshBalance();
    }

    /** A limit entry's OPENED detail: {@code limit entry filled 3 of 10} (base units; the report counts fills in part from it). */
    static String limitDetail(double filled, double decided) {
        return "limit entry filled "
                + BigDecimal.valueOf(filled).stripTrailingZeros().toPlainString() + " of "
                + BigDecimal.valueOf(decided).stripTrailingZeros().toPlainString();
    }

    /** Settles a PENDING open as REJECTED, in a unit of its own. */
    private void reject(String intentId, RejectReason reason, String detail) {
        units.run(l -> {
            SignalMessage s = pending(intentId).signal();
            store.setIntentStatus(intentId, IntentStatus.REJECTED);
            units.journal(JournalEntry.rejected(l.clock, s, reason, detail, l.balance));
        });
    }

    /** The fill of a PENDING open: the position (what filled, its share of the margin), the entry fee, the journal line. */
    private void settleOpen(String intentId, FillReport fill, Ledger l) {
        PendingIntent pending = pending(intentId);
        Position opened = pending.position(fill, l.clock);
        double feePct = pending.order().type() == Order.Type.LIMIT ? config.makerFeePct() : config.feePct();
        BigDecimal fee = Money.of(opened.notional(fill.avgPrice()) * feePct);
        store.putPosition(opened.withEntryFee(fee));
        store.setIntentStatus(intentId, IntentStatus.FILLED);
        l.balance = Money.scaled(l.balance.subtract(fee));
        l.countOpen(l.clock);
        mode.opened(pending, l);
        units.journal(JournalEntry.opened(
                        l.clock, pending.signal(), fill.avgPrice(), fill.filledQty(), l.balance, pending.contract())
                .withDetail(
                        pending.order().type() == Order.Type.LIMIT
                                ? limitDetail(fill.filledQty(), pending.order().qty())
                                : null));
        portfolio.trackPeak(l);
    }

    PendingIntent pending(String intentId) {
        String text = store.unsettledIntents().get(intentId);
        if (text == null) {
            throw new StateException("intent " + intentId + " is not pending", null);
        }
        return PendingIntent.parse(intentId, text);
    }
}
