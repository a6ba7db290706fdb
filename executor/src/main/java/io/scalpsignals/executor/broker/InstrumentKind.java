package io.scalpsignals.executor.broker;

/** What an order or a position trades. */
public enum InstrumentKind {
    /** A perpetual or spot instrument: quantities in base units. */
    LINEAR,
    /** An option contract: quantities in whole contracts. */
    OPTION_CONTRACT
}
