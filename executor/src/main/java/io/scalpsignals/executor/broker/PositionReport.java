package io.scalpsignals.executor.broker;

import java.math.BigDecimal;

/**
 * A position as the venue holds it, for the reconciliation with the executor's book.
 *
 * @param symbol the instrument, or the option contract (OCC symbol)
 * @param instrument what {@code symbol} is
 * @param qty signed: + long, - short; base units, or contracts
 */
public record PositionReport(String symbol, InstrumentKind instrument, BigDecimal qty) {}
