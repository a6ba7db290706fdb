package io.scalpsignals.udf.state;

import java.util.Arrays;

/**
 * A {@link BucketStore} over chunks of {@value BucketChunk#SIZE} buckets kept in a keyed map by
 * chunk index ({@link Chunks}: Flink {@code MapState} in the job, a plain map in tests and the
 * benchmark floor). A new second costs one chunk write; a cursor's read costs a chunk read only
 * when it enters another chunk than the last read (a memo of the chunks read for the current
 * symbol, which {@link #reset()} forgets when the symbol changes). A chunk is removed when its
 * last bucket is evicted.
 */
public final class ChunkedBuckets implements BucketStore {

    /** The chunks of the current symbol by index. */
    public interface Chunks {
        /** The chunk at {@code index}, or null. */
        BucketChunk get(long index);

        void put(long index, BucketChunk chunk);

        void remove(long index);
    }

    private static final int MEMO = 4;

    private final Chunks chunks;
    private final long[] memoIndex = new long[MEMO];
    private final BucketChunk[] memo = new BucketChunk[MEMO];
    private int memoNext;

    public ChunkedBuckets(Chunks chunks) {
        this.chunks = chunks;
        reset();
    }

    /** Forgets the chunks read so far: call when the current symbol changes. */
    public void reset() {
        Arrays.fill(memoIndex, -1L);
        Arrays.fill(memo, null);
    }

    @Override
    public void append(long seq, long id, double close, double size) {
        long index = BucketChunk.index(seq);
        int slot = BucketChunk.slot(seq);
        BucketChunk c = slot == 0 ? new BucketChunk() : chunk(index);
        if (slot == 0) {
            c.base = id;
            remember(index, c);
        }
        c.offset[slot] = Math.toIntExact(id - c.base);
        c.close[slot] = close;
        c.size[slot] = size;
        chunks.put(index, c);
    }

    @Override
    public void load(long seq, SymbolState s, int cursor) {
        BucketChunk c = chunk(BucketChunk.index(seq));
        int slot = BucketChunk.slot(seq);
        s.nextId[cursor] = c.base + c.offset[slot];
        s.nextClose[cursor] = c.close[slot];
        s.nextSize[cursor] = c.size[slot];
    }

    @Override
    public void evict(long seq) {
        if (BucketChunk.slot(seq) == BucketChunk.SIZE - 1) {
            long index = BucketChunk.index(seq);
            chunks.remove(index);
            for (int i = 0; i < MEMO; i++) {
                if (memoIndex[i] == index) {
                    memoIndex[i] = -1L;
                    memo[i] = null;
                }
            }
        }
    }

    private BucketChunk chunk(long index) {
        for (int i = 0; i < MEMO; i++) {
            if (memoIndex[i] == index) {
                return memo[i];
            }
        }
        BucketChunk c = chunks.get(index);
        if (c == null) {
            throw new IllegalStateException("no bucket chunk " + index);
        }
        remember(index, c);
        return c;
    }

    private void remember(long index, BucketChunk c) {
        memoIndex[memoNext] = index;
        memo[memoNext] = c;
        memoNext = (memoNext + 1) % MEMO;
    }
}
