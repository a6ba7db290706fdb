package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.Tick;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limit entries (SPEC.md §7, {@code entry_order: limit}): the touch an open rests at, and the
 * queue model that fills a resting post-only order from the symbol's later trades.
 *
 * <p>An open rests at the touch of the symbol's last tick with quotes at the decision (a buy at
 * its {@code bid}, a sell at its {@code ask}), behind that tick's {@code bid_size} (buy) or
 * {@code ask_size} (sell). Each later tick of the symbol with {@code ts < decision +
 * limit_timeout_ms}: for a buy, a trade below the limit fills all that is left; a trade at the
 * limit whose aggressor sold (or whose side is unknown) first uses up the queue ahead, and what is
 * left of its size fills the order; a sell mirrors it. The order ends when filled, at its
 * deadline, or when a CLOSE signal for its symbol comes.
 *
 * <p>The resting orders' progress is part of their PENDING intents ({@link PendingIntent#rest()}),
 * and the touches are in the state ({@code touches}), each written in the unit of the tick that
 * moved it, so a restart rests and fills them as the run before it would have.
 */
final class LimitEntries {

    /** The touch and its size of a symbol's last tick with quotes. */
    record Touch(double bid, double ask, double bidSize, double askSize) {

        /** Records it as {@code symbol}'s in {@code store}. */
        void store(String symbol, StateStore store) {
            store.setTouch(symbol, bid, ask, bidSize, askSize);
        }
    }

    /** A resting order: its intent, its order, when it times out (epoch ms) and its progress. */
    record Resting(String intentId, Order order, long deadline, PendingIntent.Rest rest) {}

    private final ExecutorConfig config;
    private final Map<String, Touch> touches = new HashMap<>();
    /** By symbol: at most one per symbol (ONE_WAY and ALREADY_OPEN count it). */
    private final Map<String, Resting> resting = new LinkedHashMap<>();

    /** With the touches {@code store} recorded. */
    LimitEntries(ExecutorConfig config, StateStore store) {
        this.config = config;
        store.touches().forEach((symbol, t) -> touches.put(symbol, new Touch(t[0], t[1], t[2], t[3])));
    }

    /** Whether opens rest as limit orders ({@code entry_order: limit}). */
    boolean enabled() {
        return config.entryOrder() == ExecutorConfig.EntryOrder.LIMIT;
    }

    /**
     * Remembers {@code t}'s touch when limit entries are on and it has quotes with their sizes.
     *
     * @return that touch, which the state records with {@code t}'s read position ({@link
     *     StateStore#setTouch}, at once or with the deferred ticks), or null
     */
    @Nullable
    Touch quote(Tick t) {
        // a touch needs its sizes too: they are the queue ahead (a tick with a bid and an ask alone
        // leaves the last full touch in place)
        if (!enabled() || !t.hasQuotes() || !(t.bidSize() >= 0) || !(t.askSize() >= 0)) {
            return null;
        }
        Touch touch = new Touch(t.bid(), t.ask(), t.bidSize(), t.askSize());
        touches.put(t.symbol(), touch);
        return touch;
    }

    /** The touch of {@code symbol}'s last tick with quotes, or null. */
    @Nullable
    Touch touch(String symbol) {
        return touches.get(symbol);
    }

    /** The resting order of {@code symbol}, or null. */
    @Nullable
    Resting restingOf(String symbol) {
        return resting.get(symbol);
    }

    /** Symbol to direction (+1, -1) of every resting order: what ONE_WAY, ALREADY_OPEN and MAX_POSITIONS count. */
    Map<String, Integer> directions() {
        if (resting.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> out = new HashMap<>();
        resting.forEach((symbol, r) -> out.put(symbol, r.order().side()));
        return out;
    }

    /** Starts (or, after a restart, resumes) resting order {@code order} of intent {@code intentId}. */
    void rest(String intentId, Order order, PendingIntent.Rest rest) {
        resting.put(order.symbol(), new Resting(intentId, order, order.ts() + config.limitTimeoutMs(), rest));
    }

    /** Forgets the resting order of {@code symbol} (it ended). */
    void ended(String symbol) {
        resting.remove(symbol);
    }

    /** The resting orders whose deadline is at or before {@code at}, earliest first. */
    List<Resting> due(long at) {
        if (resting.isEmpty()) {
            return List.of();
        }
        List<Resting> out = new ArrayList<>();
        for (Resting r : resting.values()) {
            if (r.deadline() <= at) {
                out.add(r);
            }
        }
        out.sort((a, b) -> Long.compare(a.deadline(), b.deadline()));
        return out;
    }

    /**
     * The queue model at trade {@code t} of a resting order's symbol, {@code t.ts()} before its
     * deadline: its progress after {@code t}.
     */
    static PendingIntent.Rest afterTrade(Order order, PendingIntent.Rest rest, Tick t) {
        double limit = order.limitPrice();
        double left = order.qty() - rest.filledQty();
        boolean buy = order.side() > 0;
        if (buy ? t.price() < limit : t.price() > limit) {
            return new PendingIntent.Rest(0, order.qty());
        }
        if (t.price() != limit || (buy ? "buy".equals(t.side()) : "sell".equals(t.side()))) {
            return rest;
        }
        double queueUsed = Math.min(rest.queueAhead(), t.size());
        double fills = t.size() - queueUsed;
        // what is left fills exactly, not as a sum that rounding could leave a hair short
        double filled = fills >= left ? order.qty() : rest.filledQty() + fills;
        return new PendingIntent.Rest(rest.queueAhead() - queueUsed, filled);
    }
}
