package io.scalpsignals.udf.features;

import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.BucketChunk;
import io.scalpsignals.udf.state.BucketStore;
import io.scalpsignals.udf.state.ChunkedBuckets;
import io.scalpsignals.udf.state.SymbolState;

import java.util.HashMap;
import java.util.Map;

/**
 * One symbol's buckets and bar history in plain memory, for running {@link FeatureCalculator} without
 * Flink (the benchmarks' floor, the tests): the job's {@link ChunkedBuckets} over a map. Strict:
 * reading a bucket that is not held, or evicting another than the oldest, is a bug in the engine
 * and throws {@link IllegalStateException}.
 */
public final class InMemorySymbolStore implements BucketStore, FeatureCalculator.HistoryStore {

    private final Map<Long, BucketChunk> chunks = new HashMap<>();
    private final ChunkedBuckets buckets = new ChunkedBuckets(new ChunkedBuckets.Chunks() {
        @Override
        public BucketChunk get(long index) {
            return chunks.get(index);
        }

        @Override
        public void put(long index, BucketChunk chunk) {
            chunks.put(index, chunk);
        }

        @Override
        public void remove(long index) {
            chunks.remove(index);
        }
    });
    private BarHistory history = new BarHistory();
    private long head;
    private long tail;

    /** The number of buckets held. */
    public long bucketCount() {
        return tail - head;
    }

    /** The chunks held (read-only use: sizes in benchmarks). */
    public Map<Long, BucketChunk> chunks() {
        return chunks;
    }

    @Override
    public void append(long seq, long id, double close, double size) {
        if (seq != tail) {
            throw new IllegalStateException("appending bucket " + seq + ", expected " + tail);
        }
        buckets.append(seq, id, close, size);
        tail++;
    }

    @Override
    public void load(long seq, SymbolState s, int cursor) {
        if (seq < head || seq >= tail) {
            throw new IllegalStateException("no bucket " + seq);
        }
        buckets.load(seq, s, cursor);
    }

    @Override
    public void evict(long seq) {
        if (seq != head) {
            throw new IllegalStateException("evicting bucket " + seq + ", the oldest is " + head);
        }
        buckets.evict(seq);
        head++;
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
