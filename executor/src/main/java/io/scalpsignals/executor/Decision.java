package io.scalpsignals.executor;

/**
 * Why the executor did or did not act (SPEC.md §7): the rejection reasons in the order the checks
 * run, and the exit reasons in priority order. Journaled by name.
 */
public enum Decision {
    INVALID_SIGNAL,
    STALE_SIGNAL,
    NO_PRICE,
    LOW_CONFIDENCE,
    MAX_DAILY_TRADES,
    DRAWDOWN_GUARD,
    CONSECUTIVE_LOSSES,
    COOLDOWN,
    ONE_WAY,
    ALREADY_OPEN,
    MAX_POSITIONS,
    INSUFFICIENT_MARGIN,
    /** A CLOSE (or converted REVERSE) for a symbol with no open position. */
    NO_POSITION,
    /** A HOLD signal: nothing to do. */
    HOLD,
    STOP_LOSS,
    TAKE_PROFIT,
    TRAILING_STOP,
    TIME_EXIT,
    CLOSE_SIGNAL
}
