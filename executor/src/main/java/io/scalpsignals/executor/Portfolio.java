package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.PositionReport;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The open positions valued (SPEC.md §7, "Ledger"): the available balance (the balance less the
 * margin of open positions), equity (the balance plus unrealized PnL at the mark prices) and its
 * peak for DRAWDOWN_GUARD. A linear position is marked at its symbol's last trade, an option
 * scalp at its contract's latest mid; a position with no mark yet counts nothing unrealized.
 */
final class Portfolio {

    private final StateStore store;
    private final TradingMode mode;

    /** @param mode what marks a position ({@link TradingMode#markPrice}) */
    Portfolio(StateStore store, TradingMode mode) {
        this.store = store;
        this.mode = mode;
    }

    /** The balance less the margin of the open positions, quote units. */
    BigDecimal available(Ledger l) {
        BigDecimal locked = BigDecimal.ZERO;
        for (Position p : store.positions()) {
            locked = locked.add(p.margin());
        }
        return Money.scaled(l.balance.subtract(locked));
    }

    /** The balance plus the unrealized PnL of the open positions at their mark prices, quote units. */
    BigDecimal equity(Ledger l) {
        BigDecimal equity = l.balance;
        Map<String, Double> prices = store.lastPrices();
        for (Position p : store.positions()) {
            Double price = markPrice(p, prices);
            if (price != null) {
                equity = equity.add(p.unrealized(price));
            }
        }
        return Money.scaled(equity);
    }

    /** Raises {@code l}'s peak equity to the equity now, if that is higher. */
    void trackPeak(Ledger l) {
        BigDecimal equity = equity(l);
        if (equity.compareTo(l.peakEquity) > 0) {
            l.peakEquity = equity;
        }
    }

    /** The price {@code p} is marked and checked at ({@link TradingMode#markPrice}); null when none is known. */
    @Nullable
    Double markPrice(Position p, Map<String, Double> lastPrices) {
        return mode.markPrice(p, lastPrices);
    }

    /**
     * Where the portfolio's positions and a venue's disagree, in words: a position held in another size
     * or not at all at the venue (a linear position by its symbol, signed; an options scalp by its
     * contract, in contracts held), then a venue position the portfolio does not know (to be left alone).
     */
    static List<String> differences(List<Position> positions, List<PositionReport> venue) {
        Map<String, BigDecimal> theirs = new LinkedHashMap<>();
        venue.forEach(r -> theirs.put(r.symbol(), r.qty()));
        List<String> out = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Position p : positions) {
            String symbol = p.isOption() ? p.contract() : p.symbol();
            known.add(symbol);
            BigDecimal mine = BigDecimal.valueOf(p.isOption() ? p.qty() : p.direction() * p.qty());
            BigDecimal held = theirs.get(symbol);
            if (held == null || held.compareTo(mine) != 0) {
                out.add(symbol + ": the executor holds " + mine.toPlainString() + ", the venue "
                        + (held == null ? "nothing" : held.toPlainString()));
            }
        }
        theirs.forEach((symbol, qty) -> {
            if (!known.contains(symbol)) {
                out.add(symbol + ": the venue holds " + qty.toPlainString() + ", unknown to the executor (left alone)");
            }
        });
        return out;
    }
}
