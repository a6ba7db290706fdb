package io.scalpsignals.executor;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import java.util.Map;

/**
 * The executor clock and what runs as it moves (SPEC.md §7): the monitor, which checks every open
 * position's exits at its last price at each multiple of {@code monitor_interval_sec}, and the
 * purge of known intent ids older than {@code intent_ttl_sec} at every hour. A replay's clock is the
 * largest event time seen; a live one's is the wall clock, moved on every event and by {@link
 * Engine#tickClock()}.
 */
final class Monitor {

    private static final long HOUR_MS = 3_600_000L;

    private final StateStore store;
    private final ExecutorConfig config;
    private final Portfolio portfolio;
    private final Exits exits;
    private final long intervalMs;

    Monitor(StateStore store, ExecutorConfig config, Portfolio portfolio, Exits exits) {
        this.store = store;
        this.config = config;
        this.portfolio = portfolio;
        this.exits = exits;
        this.intervalMs = config.monitorIntervalSec() * 1000L;
    }

    /**
     * Moves {@code l}'s clock to {@code ts} (epoch ms) if that is later, running the monitor at each
     * multiple of the monitor interval passed and the intent purge as of the last hour boundary
     * passed. Runs inside the caller's unit; the caller stores {@code l}.
     */
    void moveClock(Ledger l, long ts) {
        if (l.started() && ts <= l.clock) {
            return;
        }
        long from = l.started() ? l.clock : ts;
        long first = Math.floorDiv(from, intervalMs) * intervalMs + intervalMs;
        Map<String, Double> prices = DeferredEvents.crosses(from, ts, intervalMs) ? store.lastPrices() : Map.of();
        for (long at = first; at <= ts; at += intervalMs) {
            l.clock = at;
            for (Position p : store.positions()) {
                Double price = portfolio.markPrice(p, prices);
                if (price != null) {
                    exits.check(p, price, at, l);
                }
            }
        }
        if (DeferredEvents.crosses(from, ts, HOUR_MS)) {
            store.purgeIntents(Math.floorDiv(ts, HOUR_MS) * HOUR_MS - config.intentTtlSec() * 1000L);
        }
        l.clock = ts;
    }

    /**
     * Whether moving the clock from {@code clock} to {@code at} may wait for the next unit: it runs
     * no monitor over an open position and crosses no hour.
     */
    boolean moveDeferrable(long at, long clock, boolean positionsOpen) {
        return DeferredEvents.clockMoveDeferrable(at, clock, positionsOpen, intervalMs);
    }
}
