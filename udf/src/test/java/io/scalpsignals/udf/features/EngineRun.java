package io.scalpsignals.udf.features;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.Bucket;
import io.scalpsignals.udf.state.BucketStore;
import io.scalpsignals.udf.state.SymbolState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one symbol's ticks through {@link SymbolEngine} with in-memory state. */
final class EngineRun implements BucketStore, SymbolEngine.HistoryStore {

    final SymbolEngine engine;
    final SymbolState state;
    final Map<Long, Bucket> buckets = new HashMap<>();
    BarHistory history = new BarHistory();
    final List<TickFeatures> features = new ArrayList<>();
    final List<Bar> bars = new ArrayList<>();

    EngineRun(FeatureConfig config) {
        this.engine = new SymbolEngine(config);
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
        Bar closed = engine.onTick(t, state, this, this);
        if (closed != null) {
            bars.add(closed);
        }
        TickFeatures f = engine.features(t, state);
        features.add(f);
        return f;
    }

    void end() {
        Bar last = engine.closeAtEndOfInput(features.get(0).symbol(), state, this);
        if (last != null) {
            bars.add(last);
        }
    }

    @Override
    public void put(long seq, Bucket bucket) {
        buckets.put(seq, bucket);
    }

    @Override
    public Bucket get(long seq) {
        Bucket b = buckets.get(seq);
        if (b == null) {
            throw new IllegalStateException("no bucket " + seq);
        }
        return b;
    }

    @Override
    public void remove(long seq) {
        if (buckets.remove(seq) == null) {
            throw new IllegalStateException("removing absent bucket " + seq);
        }
    }

    @Override
    public BarHistory load() {
        return history;
    }

    @Override
    public void save(BarHistory h) {
        history = h;
    }
}
