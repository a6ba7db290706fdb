package io.scalpsignals.executor;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine's units of work and how they reach the disk (issue 16's group commit). Every event
 * is one unit in the store's open group of units ({@link StateStore#batched}): it reads the ledger
 * as committed plus what the deferred events wait to write, changes it, and stores it again. A
 * tick or quote that changes nothing durable but the clock, a last price and the read position
 * does not even make a unit: it waits in {@link DeferredEvents} (at most {@value
 * DeferredEvents#MAX}) for the next one. {@link #commit()} fsyncs the group; before an order
 * leaves, the engine commits the unit that records its intent.
 *
 * <p>Journal entries reach the metrics once the group that wrote them is committed; a group rolled
 * back takes its entries with it.
 */
final class GroupCommit {

    private final StateStore store;
    private final Portfolio portfolio;
    private final ExecutorConfig config;
    private final DeferredEvents deferred = new DeferredEvents();
    private final List<JournalEntry> uncommitted = new ArrayList<>();

    @Nullable
    private ExecutorMetrics metrics;

    GroupCommit(StateStore store, Portfolio portfolio, ExecutorConfig config) {
        this.store = store;
        this.portfolio = portfolio;
        this.config = config;
    }

    /** Reports committed journal entries and the portfolio to {@code metrics}, the portfolio as committed at once. */
    void reportTo(ExecutorMetrics metrics) {
        this.metrics = metrics;
        Ledger l = ledger();
        metrics.onPortfolio(store.positions(), l, portfolio.equity(l), config);
    }

    /** The ledger as committed. */
    Ledger ledger() {
        return store.ledger(config.startingBalance());
    }

    /** The executor clock with the deferred events', epoch ms ({@link Ledger#NONE} before the first event). */
    long clock() {
        return deferred.clock(store.ledgerClock());
    }

    /** Whether another tick or quote may wait for the next unit. */
    boolean canDefer() {
        return deferred.hasRoom();
    }

    /** A quote at executor time {@code at} that waits for the next unit, read up to {@code cursor}. */
    void defer(long at, Engine.LedgerUpdate cursor) {
        deferred.add(at, cursor);
    }

    /** A tick of {@code symbol} at {@code price}, with its touch or null, that waits for the next unit. */
    void deferTick(
            String symbol, double price, @Nullable LimitEntries.Touch touch, long at, Engine.LedgerUpdate cursor) {
        deferred.addTick(symbol, price, touch, at, cursor);
    }

    /**
     * One event's unit: {@code work} changes the ledger it is given (as committed, with what the
     * deferred events wait to write), which is then stored with everything else the unit wrote.
     * An exception rolls the whole open group back and is rethrown.
     */
    <T> T unit(Function<Ledger, T> work) {
        T result;
        try {
            result = store.batched(() -> {
                Ledger l = ledger();
                deferred.applyTo(l, store);
                T r = work.apply(l);
                store.putLedger(l);
                return r;
            });
        } catch (RuntimeException e) {
            uncommitted.clear();
            throw e;
        }
        deferred.clear();
        reportCommitted();
        return result;
    }

    /** As {@link #unit(Function)}, for work without a result. */
    void run(Consumer<Ledger> work) {
        unit(l -> {
            work.accept(l);
            return null;
        });
    }

    /** Writes what the deferred events wait to write (if any) and commits the open group. */
    void flush() {
        if (!deferred.isEmpty()) {
            run(l -> {});
        }
        commit();
    }

    /** Commits the open group of units (one fsync). */
    void commit() {
        store.commit();
        reportCommitted();
    }

    /** Writes {@code e} to the journal in the unit in progress. */
    void journal(JournalEntry e) {
        store.journal(JournalJson.write(e));
        uncommitted.add(e);
    }

    private void reportCommitted() {
        if (!store.committed()) {
            return;
        }
        if (metrics != null) {
            uncommitted.forEach(metrics::onJournal);
            Ledger l = ledger();
            metrics.onPortfolio(store.positions(), l, portfolio.equity(l), config);
        }
        uncommitted.clear();
    }
}
