package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;
import io.scalpsignals.executor.broker.OutcomeUnknown;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.ExitReason;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.IntentIds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Exits (SPEC.md §7): a position's exit check at a price ({@link Position#exit}: take profit, stop
 * loss, trailing stop, time limit), and the close itself: a reduce-only order through the broker,
 * PnL after both fees, the cooldown the trading mode sets, the loss streak, the journal line.
 * Runs inside the caller's unit ({@link GroupCommit}); the caller stores the ledger.
 */
final class Exits {

    private static final Logger LOG = LoggerFactory.getLogger(Exits.class);

    private final StateStore store;
    private final Broker broker;
    private final ExecutorConfig config;
    private final TradingMode mode;
    /** {@code reversal_exit_triggers}. */
    private final Set<String> reversalTriggers;

    private final Portfolio portfolio;
    private final VenueAccount venue;
    private final GroupCommit units;
    /** The exchange's trading days, or null: no SESSION_CLOSE. */
    @Nullable
    private final ExchangeCalendar calendar;
    /** Closes the venue refused, by symbol: not asked again before this executor time, ms (in memory: a restart asks at once). */
    private final Map<String, Long> closeRetryAt = new HashMap<>();
    /** A MARKET_REVERSAL close the venue refused, per symbol: asked for again without its quotes. */
    private final Map<String, ExitReason> refusedCloses = new HashMap<>();

    Exits(
            StateStore store,
            Broker broker,
            ExecutorConfig config,
            TradingMode mode,
            Portfolio portfolio,
            VenueAccount venue,
            GroupCommit units,
            @Nullable ExchangeCalendar calendar) {
        this.calendar = calendar;
        this.store = store;
        this.broker = broker;
        this.config = config;
        this.mode = mode;
        this.portfolio = portfolio;
        this.venue = venue;
        this.units = units;
        this.reversalTriggers = config.reversalTriggerSet();
    }

    /** As {@link #check(Position, double, double, long, Ledger)} at a price without quotes (the monitor, a quote). */
    void check(Position p, double price, long now, Ledger l) {
        check(p, price, Double.NaN, now, l);
    }

    /**
     * Closes {@code p} if an exit is due at {@code price}, in SPEC.md §7's priority order: {@link
     * Position#exit}, then MARKET_REVERSAL when its trigger is one of {@code
     * reversal_exit_triggers} and {@code imbalance} (the tick's top of book, NaN without quotes) is
     * {@code reversal_imbalance} against it, then with a calendar SESSION_CLOSE from {@code
     * flatten_before_close_min} before the day's close; otherwise keeps its best roi for the trailing
     * stop.
     */
    void check(Position p, double price, double imbalance, long now, Ledger l) {
        double maxRoi = Math.max(p.maxRoi(), p.roi(price));
        ExitReason exit = p.exit(price, now);
        if (exit == null && reversed(p, imbalance)) {
            exit = ExitReason.MARKET_REVERSAL;
        }
        if (exit == null && !refusedCloses.isEmpty()) {
            exit = refusedCloses.get(p.symbol()); // a refused reversal close is asked for again
        }
        if (exit == null && calendar != null && calendar.flattenDue(now, config.flattenBeforeCloseMin())) {
            exit = ExitReason.SESSION_CLOSE;
        }
        if (exit != null) {
            close(p, price, now, exit, l);
        } else if (maxRoi != p.maxRoi()) {
            store.putPosition(p.withMaxRoi(maxRoi));
        }
    }

    /**
     * Whether {@code p} is of a trigger in {@code reversal_exit_triggers} and {@code imbalance} (a
     * tick's top of book, NaN without quotes) is {@code reversal_imbalance} against it (SPEC §7
     * MARKET_REVERSAL).
     */
    boolean reversed(Position p, double imbalance) {
        return p.reversedBy(imbalance, config.reversalImbalance()) // false without quotes: most ticks end here
                && p.trigger() != null
                && reversalTriggers.contains(p.trigger());
    }

    /**
     * Closes an options scalp whose underlying's book turned against it, at its contract's mark
     * (the latest mid); a scalp whose contract has no quote yet is left to its next tick.
     */
    void closeReversed(Position p, Ledger l) {
        Double mark = portfolio.markPrice(p, Map.of());
        if (mark != null) {
            close(p, mark, l.clock, ExitReason.MARKET_REVERSAL, l);
            portfolio.trackPeak(l);
        }
    }

    /**
     * Closes {@code p} at {@code price} through the broker with a reduce-only order (an option at
     * its contract's latest bid) under the client order id derived from its intent's. A close the
     * venue refuses because it no longer holds the position is booked as VENUE_CLOSED at {@code
     * price} without an exit fee; any other refusal keeps the position and asks again after {@code
     * monitor_interval_sec}.
     *
     * @param now executor time, epoch ms
     */
    void close(Position p, double price, long now, ExitReason reason, Ledger l) {
        Long retryAt = closeRetryAt.get(p.symbol());
        if (retryAt != null && now < retryAt) {
            return; // the venue refused this close: asked again once per monitor interval
        }
        String closeId = IntentIds.of(p.intentId() + "|close");
        Order order = mode.closeOrder(p, closeId, price, now);
        double fillPrice;
        BigDecimal exitFee;
        try {
            FillReport fill = broker.place(order);
            if (fill.filledQty() < p.qty() * (1 - 1e-9)) {
                // a reduce-only close sent again keeps its client order id, so the venue would answer with this fill
                throw new OutcomeUnknown("the close of " + p.symbol() + " (" + closeId + ") filled " + fill.filledQty()
                        + " of " + p.qty() + "; the position is kept: close the rest at the venue, then restart");
            }
            fillPrice = fill.avgPrice();
            exitFee = Money.of(p.notional(fillPrice) * config.feePct());
        } catch (OrderRefused refused) {
            if (refused.kind() != OrderRefused.Kind.POSITION_GONE) {
                LOG.warn(
                        "close of {} ({}) refused, position kept, asked again in {} s: {}",
                        p.symbol(),
                        reason,
                        config.monitorIntervalSec(),
                        refused.getMessage());
                closeRetryAt.put(p.symbol(), now + config.monitorIntervalSec() * 1000L);
                if (reason == ExitReason.MARKET_REVERSAL) { // the monitor has no quotes to see it again
                    refusedCloses.put(p.symbol(), reason);
                }
                return;
            }
            // gone at the venue (liquidated, closed by hand, a venue-side stop): booked at the last price, no order, no
            // fee
            fillPrice = order.referencePrice();
            exitFee = BigDecimal.ZERO;
            reason = ExitReason.VENUE_CLOSED;
        }
        closeRetryAt.remove(p.symbol());
        refusedCloses.remove(p.symbol());
        venue.refreshBalance();
        BigDecimal gross = p.unrealized(fillPrice);
        BigDecimal pnl = Money.scaled(gross.subtract(exitFee).subtract(p.entryFee()));
        l.balance = Money.scaled(l.balance.add(gross).subtract(exitFee));
        store.removePosition(p.symbol());
        mode.closed(p, pnl, now, l, store);
        l.countTrade(pnl, now, config);
        units.journal(JournalEntry.closed(now, p, reason, fillPrice, pnl, p.roi(fillPrice), l.balance));
        portfolio.trackPeak(l);
    }

    /**
     * {@code executor close}: closes the position of {@code symbol}, or every position when it is
     * null, at its last price with reason MANUAL; a position without a price yet is logged and left.
     */
    void closeByHand(@Nullable String symbol, Ledger l) {
        var targets = store.positions().stream()
                .filter(p -> symbol == null || p.symbol().equals(symbol))
                .toList();
        if (targets.isEmpty()) {
            LOG.warn("close {}: no open position", symbol == null ? "--all" : symbol);
        }
        for (Position p : targets) {
            Double price = portfolio.markPrice(p, store.lastPrices());
            if (price == null) {
                LOG.warn("close {}: no price to close at yet; the request is dropped", p.symbol());
            } else {
                close(p, price, l.clock, ExitReason.MANUAL, l);
            }
        }
        portfolio.trackPeak(l);
    }
}
