package io.scalpsignals.udf.features;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.state.SymbolState;

import java.util.ArrayList;
import java.util.List;

/** Runs one symbol's ticks through {@link FeatureCalculator} with in-memory state. */
final class EngineRun {

    final FeatureCalculator engine;
    final SymbolState state;
    final InMemorySymbolStore store = new InMemorySymbolStore();
    final List<TickFeatures> features = new ArrayList<>();
    final List<Bar> bars = new ArrayList<>();

    EngineRun(FeatureConfig config) {
        this.engine = new FeatureCalculator(config);
        this.state = engine.newState();
    }

    EngineRun() {
        this(FeatureConfig.defaults());
    }

    static EngineRun of(List<Tick> ticks) {
        EngineRun run = new EngineRun();
        ticks.forEach(run::tick);
        return run;
    }

    TickFeatures tick(Tick t) {
        Bar closed = engine.onTick(t, state, store, store);
        if (closed != null) {
            bars.add(closed);
        }
        TickFeatures f = engine.features(t, state);
        features.add(f);
        return f;
    }

    void end() {
        Bar last = engine.closeAtEndOfInput(features.get(0).symbol(), state, store);
        if (last != null) {
            bars.add(last);
        }
    }
}
