package io.scalpsignals.udf.state;

/**
 * What the gate remembers of a symbol (SPEC.md §5), 24 bytes: the latest processed candidate
 * per direction (CONFLICTING_SIGNALS) and the latest emitted signal (MIN_INTERVAL). A Flink POJO;
 * cleared at the end of input.
 */
public class GateState {

    /** {@code ts} of the latest processed long / short candidate, blocked or not. */
    public long lastLongTs = Long.MIN_VALUE;

    public long lastShortTs = Long.MIN_VALUE;

    /** {@code ts} of the latest emitted signal. */
    public long lastEmittedTs = Long.MIN_VALUE;

    public GateState() {}
}
