package io.scalpsignals.model;

/** A signal's action (SPEC.md §6); the job emits only opens. */
public enum Action {
    OPEN_LONG,
    OPEN_SHORT;

    /** +1 for a long, -1 for a short. */
    public int direction() {
        return this == OPEN_LONG ? 1 : -1;
    }
}
