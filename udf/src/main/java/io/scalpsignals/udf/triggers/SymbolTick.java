package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.TickFeatures;

/**
 * An accepted tick as the triggers see it: its feature record, the breakout levels in force for
 * its bar (SPEC.md §4: the Donchian high/low of the 20 bars before it, NaN during warm-up) and
 * its arrival number within its symbol (the gate's tie-break between equal timestamps).
 *
 * @param features the tick's feature record (SPEC.md §2)
 * @param levelHigh {@code donchian_high_20} of the tick's bar, or NaN
 * @param levelLow {@code donchian_low_20} of the tick's bar, or NaN
 * @param seq 0, 1, 2, ... per symbol in arrival order of accepted ticks
 */
public record SymbolTick(TickFeatures features, double levelHigh, double levelLow, long seq) {

    public long ts() {
        return features.ts();
    }

    public double price() {
        return features.price();
    }
}
