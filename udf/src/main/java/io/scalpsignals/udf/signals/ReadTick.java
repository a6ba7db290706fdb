package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Tick;

/**
 * An accepted tick on its way to the per-symbol operator, stamped with when the source read it.
 *
 * @param tick the validated tick
 * @param readMicros when the source handed the record on, epoch µs ({@link
 *     io.scalpsignals.udf.metrics.ArrivalClock}): the start of the latency metric, never in a
 *     result
 */
public record ReadTick(Tick tick, long readMicros) {

    public String symbol() {
        return tick.symbol();
    }
}
