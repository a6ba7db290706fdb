package io.scalpsignals.bench;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.features.FeatureCalculator;
import io.scalpsignals.udf.features.InMemorySymbolStore;
import io.scalpsignals.udf.state.SymbolState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor every other figure is a ratio against: SPEC.md §2–§3 (every feature of every tick,
 * every bar with its indicators) in a bare single-thread loop over ticks in memory, no Flink, no
 * serialization, no output. It runs the job's own {@link FeatureCalculator} on plain maps, so the
 * distance to the job is what Flink, state access and the outputs cost.
 */
public final class Floor {

    /** One symbol's in-memory state: the objects Flink's heap state backend would hold. */
    static final class Slot {
        final SymbolState state;
        final InMemorySymbolStore store = new InMemorySymbolStore();

        Slot(SymbolState state) {
            this.state = state;
        }
    }

    /** What a run computed, so that nothing is optimized away and runs can be compared. */
    public record Result(long ticks, long bars, double checksum, long nanos) {
        public double ticksPerSecond() {
            return ticks / (nanos / 1e9);
        }
    }

    private Floor() {}

    /** Runs every tick of {@code ticks} (in {@code ts} order per symbol) through the features and bars. */
    public static Result run(List<Tick> ticks) {
        return run(ticks, new HashMap<>());
    }

    /** As {@link #run(List)}, leaving each symbol's state in {@code slots}. */
    static Result run(List<Tick> ticks, Map<String, Slot> slots) {
        FeatureCalculator engine = new FeatureCalculator(FeatureConfig.defaults());
        long bars = 0;
        double checksum = 0;
        long start = System.nanoTime();
        for (Tick t : ticks) {
            Slot slot = slots.computeIfAbsent(t.symbol(), k -> new Slot(engine.newState()));
            Bar closed = engine.onTick(t, slot.state, slot.store, slot.store);
            if (closed != null) {
                bars++;
                checksum += closed.close();
            }
            TickFeatures f = engine.features(t, slot.state);
            checksum += f.vwap();
        }
        long nanos = System.nanoTime() - start;
        return new Result(ticks.size(), bars, checksum, nanos);
    }
}
