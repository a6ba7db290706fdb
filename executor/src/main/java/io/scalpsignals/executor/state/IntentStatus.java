package io.scalpsignals.executor.state;

/**
 * Where an intent stands in the state database ({@code intents.status}, stored by name).
 * PENDING and SENT are unsettled: {@link io.scalpsignals.executor.Engine#recover()} asks the broker about them after a
 * crash.
 */
public enum IntentStatus {
    /** Recorded with its exact order before the order is sent; its fill not yet known. */
    PENDING,
    /** Sent, as imported from the replaced system's state document; treated as PENDING. */
    SENT,
    /** Its order filled (an open), or its close done (a CLOSE signal). */
    FILLED,
    /** Refused by a check, or a duplicate-free decision that traded nothing (HOLD, NO_POSITION, ...). */
    REJECTED
}
