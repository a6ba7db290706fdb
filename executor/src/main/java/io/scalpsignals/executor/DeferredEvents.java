package io.scalpsignals.executor;

import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ticks and option quotes that changed nothing but the clock, a last price (and touch) and the input position,
 * held in memory until the next transaction writes them ({@link #applyTo}): at most {@value
 * #MAX} wait; {@link Engine#flush()} forces them (a replay at its end, a live run after every poll,
 * so at most one poll's records, 200 ms). A crash loses only their reading, which a replay repeats
 * from the committed position and a live run from the committed offsets: the state commits the
 * read position with every transaction, and a live run commits offsets to Kafka only after a
 * flush.
 */
final class DeferredEvents {

    /** Events that may wait for the next transaction at most. */
    static final int MAX = 1_000;

    private static final long HOUR_MS = 3_600_000L;

    private final List<Engine.LedgerUpdate> cursors = new ArrayList<>();
    /** The last price of each symbol whose ticks wait. */
    private final Map<String, Double> prices = new LinkedHashMap<>();
    /** The last touch of each symbol whose ticks with quotes wait ({@code entry_order: limit}). */
    private final Map<String, LimitEntries.Touch> touches = new LinkedHashMap<>();

    private long clock = Ledger.NONE;

    /** Whether another event may wait. */
    boolean hasRoom() {
        return cursors.size() < MAX;
    }

    boolean isEmpty() {
        return cursors.isEmpty() && prices.isEmpty() && touches.isEmpty() && clock == Ledger.NONE;
    }

    /** A quote (no price) or a tick (its symbol's price) at executor time {@code at}, read up to {@code cursor}. */
    void add(long at, Engine.LedgerUpdate cursor) {
        clock = Math.max(clock, at);
        cursors.add(cursor);
    }

    /** A tick of {@code symbol} at {@code price}, with its touch or null, at {@code at}, read up to {@code cursor}. */
    void addTick(String symbol, double price, @Nullable LimitEntries.Touch touch, long at, Engine.LedgerUpdate cursor) {
        prices.put(symbol, price);
        if (touch != null) {
            touches.put(symbol, touch);
        }
        add(at, cursor);
    }

    /** {@code committed}, moved to the waiting events' clock if that is later, epoch ms. */
    long clock(long committed) {
        return committed == Ledger.NONE || clock > committed ? clock : committed;
    }

    /**
     * Writes what waits into the transaction in progress: the read positions and the clock into
     * {@code l}, the last prices and touches into {@code store}. No monitor fell due over an open position and
     * no hour passed while they waited (see {@link #clockMoveDeferrable}).
     */
    void applyTo(Ledger l, StateStore store) {
        cursors.forEach(c -> c.apply(l));
        prices.forEach(store::setLastPrice);
        touches.forEach((symbol, touch) -> touch.store(symbol, store));
        if (clock != Ledger.NONE && (l.clock == Ledger.NONE || clock > l.clock)) {
            l.clock = clock;
        }
    }

    /** Forgets what waits: a transaction that applied it committed. */
    void clear() {
        cursors.clear();
        prices.clear();
        touches.clear();
        clock = Ledger.NONE;
    }

    /**
     * Whether moving the clock from {@code clock} to {@code at} may wait: it runs no monitor over an
     * open position (none open, or no multiple of {@code monitorIntervalMs} passed) and crosses no
     * hour (the intent purge).
     */
    static boolean clockMoveDeferrable(long at, long clock, boolean positionsOpen, long monitorIntervalMs) {
        if (clock == Ledger.NONE || at <= clock) {
            return true;
        }
        return (!positionsOpen || !crosses(clock, at, monitorIntervalMs)) && !crosses(clock, at, HOUR_MS);
    }

    /** Whether moving the clock from {@code from} to {@code to} passes a multiple of {@code period} (ms): a monitor or an hour. */
    static boolean crosses(long from, long to, long period) {
        return Math.floorDiv(to, period) > Math.floorDiv(from, period);
    }
}
