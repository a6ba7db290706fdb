package io.scalpsignals.executor;

/**
 * Why a signal led to no order (SPEC.md §7), in the order the checks run; journaled by name on a
 * REJECTED line. The {@code *_SCALPS}, {@code LOSS_COOLDOWN} and {@code NO_CONTRACT} checks run only
 * for options scalps (a chain given). Why a position closed is an {@link
 * io.scalpsignals.executor.state.ExitReason}.
 */
public enum RejectReason {
    INVALID_SIGNAL,
    /** {@code executor pause} is in force: no opens (exits still run). */
    PAUSED,
    STALE_SIGNAL,
    /**
     * With an exchange calendar: outside a trading day's regular session, in its first {@code
     * no_entry_after_open_min} or its last {@code no_entry_before_close_min} minutes.
     */
    MARKET_CLOSED,
    NO_PRICE,
    LOW_CONFIDENCE,
    MAX_DAILY_TRADES,
    /** Options: {@code max_daily_scalps} opens this exchange day. */
    MAX_DAILY_SCALPS,
    DRAWDOWN_GUARD,
    CONSECUTIVE_LOSSES,
    /** Options: a scalp closed at a loss less than {@code cooldown_after_loss_sec} ago. */
    LOSS_COOLDOWN,
    /** Options: {@code max_concurrent_scalps} scalps open. */
    MAX_CONCURRENT_SCALPS,
    COOLDOWN,
    ONE_WAY,
    ALREADY_OPEN,
    MAX_POSITIONS,
    /** Options: no contract of the chain passes the filters; the journal's {@code detail} says why. */
    NO_CONTRACT,
    INSUFFICIENT_MARGIN,
    /** {@code entry_order: limit}: no tick of the symbol with quotes yet, so no touch to rest at. */
    NO_QUOTE,
    /** {@code entry_order: limit}: the order rested {@code limit_timeout_ms} and nothing of it filled. */
    LIMIT_TIMEOUT,
    /** {@code entry_order: limit}: a CLOSE signal for its symbol ended the order with nothing filled. */
    LIMIT_CANCELLED,
    /** {@code entry_order: limit} on a live venue: the venue cancelled the post-only order because it would have crossed the book. */
    POST_ONLY_WOULD_CROSS,
    /** A live venue: the quantity rounded down to the instrument's step is under its minimum quantity or notional; not sent. */
    BELOW_MIN_QTY,
    /**
     * A live venue refused the order for good (e.g. Bybit 110007 insufficient balance), or cancelled
     * it with nothing filled; {@code detail}: its code and message.
     */
    VENUE_REJECTED,
    /** A CLOSE (or converted REVERSE) for a symbol with no open position. */
    NO_POSITION,
    /** A HOLD signal: nothing to do. */
    HOLD
}
