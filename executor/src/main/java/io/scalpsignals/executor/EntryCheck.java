package io.scalpsignals.executor;

import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One check of a new intent (SPEC.md §7, and the options scalp's own): the rejection reason when
 * it fails, else null. A {@link TradingMode} lists its checks in order; the first that fails
 * decides.
 */
@FunctionalInterface
interface EntryCheck {

    /**
     * What a check may read: nothing it is given may be changed.
     *
     * @param resting the resting limit entries' symbols and directions (+1, -1)
     * @param calendar the exchange's trading days, or null: no session rule applies
     */
    record Context(
            SignalMessage signal,
            Ledger ledger,
            long now,
            List<Position> positions,
            Map<String, Integer> resting,
            @Nullable ExchangeCalendar calendar,
            StateStore store,
            ExecutorConfig config,
            BigDecimal equity) {

        /** The open position of the signal's symbol (for scalps: of its underlying), if any. */
        Optional<Position> open() {
            return positions.stream()
                    .filter(p -> p.symbol().equals(signal.symbol()))
                    .findFirst();
        }
    }

    @Nullable
    RejectReason check(Context c);

    long DAY_MS = 86_400_000L;

    /** {@code executor pause} is in force. */
    EntryCheck PAUSED = c -> c.ledger().paused ? RejectReason.PAUSED : null;

    /** The signal is older than {@code max_signal_age_sec} on the executor clock. */
    EntryCheck STALE_SIGNAL =
            c -> c.now() - c.signal().ts() > c.config().maxSignalAgeSec() * 1000L ? RejectReason.STALE_SIGNAL : null;

    /** With a calendar: outside the session's window for opens (SPEC §7 "Exchange calendar"). */
    EntryCheck MARKET_CLOSED = c -> c.calendar() == null
                    || c.calendar()
                            .entryAllowed(
                                    c.now(),
                                    c.config().noEntryAfterOpenMin(),
                                    c.config().noEntryBeforeCloseMin())
            ? null
            : RejectReason.MARKET_CLOSED;

    /** No trade of the symbol seen yet: nothing to price the order at. */
    EntryCheck NO_PRICE = c -> c.store().lastPrices().containsKey(c.signal().symbol()) ? null : RejectReason.NO_PRICE;

    EntryCheck LOW_CONFIDENCE =
            c -> c.signal().confidence() < c.config().minConfidence() ? RejectReason.LOW_CONFIDENCE : null;

    /** {@code max_daily_trades} opens this UTC day. */
    EntryCheck MAX_DAILY_TRADES = c -> (c.ledger().day == Math.floorDiv(c.now(), DAY_MS) ? c.ledger().dayTrades : 0)
                    >= c.config().maxDailyTrades()
            ? RejectReason.MAX_DAILY_TRADES
            : null;

    /** Equity more than {@code max_drawdown_pct} below its peak. */
    EntryCheck DRAWDOWN_GUARD =
            c -> c.config().drawdownGuardActive(c.equity(), c.ledger().peakEquity) ? RejectReason.DRAWDOWN_GUARD : null;

    /** Inside the cooldown that {@code max_consecutive_losses} losing trades started. */
    EntryCheck CONSECUTIVE_LOSSES = c -> c.ledger().inLossCooldown(c.now()) ? RejectReason.CONSECUTIVE_LOSSES : null;

    /** A position of this symbol and direction closed less than its {@code cooldown_sec} ago. */
    EntryCheck COOLDOWN = c ->
            c.now() < c.store().cooldownUntil(c.signal().symbol(), c.signal().direction())
                    ? RejectReason.COOLDOWN
                    : null;

    /**
     * One position per symbol, no hedging: ONE_WAY against the other direction, ALREADY_OPEN in the
     * same; a resting limit entry counts as its position would.
     */
    EntryCheck ONE_WAY = c -> c.open()
            .map(Position::direction)
            .or(() -> Optional.ofNullable(c.resting().get(c.signal().symbol())))
            .map(d -> d != c.signal().direction() ? RejectReason.ONE_WAY : RejectReason.ALREADY_OPEN)
            .orElse(null);

    /** {@code max_positions} open, resting limit entries included. */
    EntryCheck MAX_POSITIONS = c ->
            c.positions().size() + c.resting().size() >= c.config().maxPositions() ? RejectReason.MAX_POSITIONS : null;
}
