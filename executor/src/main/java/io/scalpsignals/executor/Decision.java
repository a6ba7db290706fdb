package io.scalpsignals.executor;

/**
 * Why the executor did or did not act (SPEC.md §7): the rejection reasons in the order the checks
 * run, and the exit reasons in priority order. Journaled by name. The {@code *_SCALPS}, {@code
 * LOSS_COOLDOWN} and {@code NO_CONTRACT} checks run only for options scalps (a chain given).
 */
public enum Decision {
    INVALID_SIGNAL,
    /** {@code executor pause} is in force: no opens (exits still run). */
    PAUSED,
    STALE_SIGNAL,
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
    /** A live venue: the quantity rounded down to the instrument's step is under its minimum quantity or notional; not sent. */
    BELOW_MIN_QTY,
    /** A live venue refused the order for good (e.g. Bybit 110007 insufficient balance); {@code detail}: its code and message. */
    VENUE_REJECTED,
    /** A CLOSE (or converted REVERSE) for a symbol with no open position. */
    NO_POSITION,
    /** A HOLD signal: nothing to do. */
    HOLD,
    STOP_LOSS,
    TAKE_PROFIT,
    TRAILING_STOP,
    TIME_EXIT,
    CLOSE_SIGNAL,
    /** A close of a position the venue no longer holds (liquidated, closed by hand or by a venue-side stop): no order sent. */
    VENUE_CLOSED,
    /** Closed by {@code executor close --symbol S} or {@code close --all}. */
    MANUAL
}
