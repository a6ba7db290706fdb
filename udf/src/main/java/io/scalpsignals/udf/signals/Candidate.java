package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.triggers.SymbolTick;

/**
 * A trigger that fired at a tick (SPEC.md §4), before the gate. It carries the tick's {@code ts},
 * price and feature record, and the tick's arrival number for ordering.
 *
 * @param trigger what fired
 * @param action the direction
 * @param seq the tick's arrival number within its symbol ({@link SymbolTick#seq()})
 * @param features the feature record of the tick at which it fired
 */
public record Candidate(Trigger trigger, Action action, long seq, TickFeatures features) {

    public String symbol() {
        return features.symbol();
    }

    public long ts() {
        return features.ts();
    }
}
