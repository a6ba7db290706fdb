package io.scalpsignals.udf.features;

import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.Bucket;
import io.scalpsignals.udf.state.BucketStore;

import java.util.HashMap;
import java.util.Map;

/**
 * One symbol's bucket map and bar history in plain memory, for running {@link SymbolEngine}
 * without Flink (the benchmarks' floor, the tests). Strict: reading or removing a bucket that is
 * not there is a bug in the engine and throws {@link IllegalStateException}.
 */
public final class InMemorySymbolStore implements BucketStore, SymbolEngine.HistoryStore {

    private final Map<Long, Bucket> buckets = new HashMap<>();
    private BarHistory history = new BarHistory();

    /** The buckets by sequence number (live view). */
    public Map<Long, Bucket> buckets() {
        return buckets;
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
