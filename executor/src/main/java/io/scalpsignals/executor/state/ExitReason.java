package io.scalpsignals.executor.state;

/** Why a position closed (SPEC.md §7), the rule's in priority order first; journaled by name on a CLOSED line. */
public enum ExitReason {
    STOP_LOSS,
    TAKE_PROFIT,
    TRAILING_STOP,
    TIME_EXIT,
    /**
     * The market turned against a position of a trigger in {@code reversal_exit_triggers}: a tick
     * of its symbol whose top-of-book imbalance is at least {@code reversal_imbalance} against it.
     */
    MARKET_REVERSAL,
    /** With an exchange calendar: still open {@code flatten_before_close_min} before the day's close. */
    SESSION_CLOSE,
    CLOSE_SIGNAL,
    /** A close of a position the venue no longer holds (liquidated, closed by hand or by a venue-side stop): no order sent. */
    VENUE_CLOSED,
    /** Closed by {@code executor close --symbol S} or {@code close --all}. */
    MANUAL
}
