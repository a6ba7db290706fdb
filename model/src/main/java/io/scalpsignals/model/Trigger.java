package io.scalpsignals.model;

import java.util.Locale;

/**
 * What fired a candidate signal (SPEC.md §4), in the gate's order at one tick (SPEC.md §5):
 * candidates at the same tick are processed momentum_burst, vwap_rejection, breakout,
 * mean_reversion, book_imbalance.
 */
public enum Trigger {
    MOMENTUM_BURST,
    VWAP_REJECTION,
    BREAKOUT,
    MEAN_REVERSION,
    BOOK_IMBALANCE;

    /** The JSON and intent-id name: lower snake case, e.g. {@code vwap_rejection}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The rank at one tick: 0 is processed first. */
    public int rank() {
        return ordinal();
    }
}
