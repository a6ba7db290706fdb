package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.PositionReport;
import io.scalpsignals.executor.state.StateStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The account at a live venue as the engine sees it: its available balance, which sizes opens in
 * place of the ledger's (read at start and after every fill), and the reconciliation of the portfolio's
 * positions with the venue's. The paper broker has neither: the ledger's balance sizes opens and
 * there is nothing to reconcile.
 */
final class VenueAccount {

    private static final Logger LOG = LoggerFactory.getLogger(VenueAccount.class);

    /** How often a live run reconciles the portfolio with the venue's positions, ms. */
    static final long RECONCILE_INTERVAL_MS = 60_000L;

    private final Broker broker;
    private final StateStore store;

    @Nullable
    private final Clock wallClock;

    @Nullable
    private ExecutorMetrics metrics;
    /** The venue's available balance, quote units; null: the ledger's sizes opens. */
    @Nullable
    private BigDecimal available;
    /** Live: when the portfolio is next reconciled, wall-clock ms. */
    private long nextReconcile = Long.MIN_VALUE;

    /** @param wallClock the live clock, or null in a replay (never reconciled on a schedule) */
    VenueAccount(Broker broker, StateStore store, @Nullable Clock wallClock) {
        this.broker = broker;
        this.store = store;
        this.wallClock = wallClock;
    }

    void reportTo(ExecutorMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Reads the venue's balance at start.
     *
     * @throws RuntimeException the broker's, when a live venue cannot be read: the executor must not start blind
     */
    void readBalance() {
        available = broker.availableBalance().orElse(null);
    }

    /** After a fill: the venue's balance again (kept as it was if the venue cannot be read now). */
    void refreshBalance() {
        if (available == null) {
            return;
        }
        try {
            available = broker.availableBalance().orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("cannot read the venue's balance after a fill; sizing with the last one read: {}", e.getMessage());
        }
    }

    /** The balance that sizes an open: the venue's, or {@code ledgerAvailable} (quote units) without one. */
    BigDecimal sizingBalance(BigDecimal ledgerAvailable) {
        return available != null ? available : ledgerAvailable;
    }

    /** Live: reconciles when {@link #RECONCILE_INTERVAL_MS} passed since the last time, as of wall-clock {@code now} (ms). */
    void reconcileIfDue(long now) {
        if (wallClock != null && now >= nextReconcile) {
            reconcile();
        }
    }

    /**
     * Compares the portfolio's positions with the venue's ({@link Broker#positions()}): each
     * difference is logged and counted; a position the executor does not know is left alone and
     * reported.
     *
     * @return the differences, in words (empty when they agree, or for the paper broker)
     */
    List<String> reconcile() {
        Optional<List<PositionReport>> positions = broker.positions();
        if (positions.isEmpty()) {
            return List.of();
        }
        List<String> differences = Portfolio.differences(store.positions(), positions.get());
        differences.forEach(d -> LOG.warn("reconcile: {}", d));
        if (metrics != null) {
            metrics.onReconcile(differences.size());
        }
        if (wallClock != null) {
            nextReconcile = wallClock.millis() + RECONCILE_INTERVAL_MS;
        }
        return differences;
    }
}
