package io.scalpsignals.model;

/** Why the gate blocked a candidate (SPEC.md §5), in the order the checks run. */
public enum BlockReason {
    CRASH_GUARD,
    CONFLICTING_SIGNALS,
    MIN_INTERVAL,
    LOW_CONFIDENCE,
    SPREAD
}
