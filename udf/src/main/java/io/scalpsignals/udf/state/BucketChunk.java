package io.scalpsignals.udf.state;

import java.util.Arrays;

/**
 * {@value #SIZE} consecutive closed buckets of one symbol (sequence numbers {@code n * SIZE} to
 * {@code n * SIZE + SIZE - 1}) in primitive arrays: ids as offsets from the chunk's first id
 * (ids within a chunk are at most 64 distinct seconds apart in order, so an int holds 68 years),
 * last prices and summed sizes. 1,288 bytes serialized; at full history (a trade every second) a
 * symbol holds {@code history_sec / SIZE + 1} = 62 chunks.
 */
public final class BucketChunk {

    /** Buckets per chunk. */
    public static final int SIZE = 64;

    /** Id of the chunk's first bucket. */
    public long base;

    public final int[] offset;
    public final double[] close;
    public final double[] size;

    public BucketChunk() {
        this(0, new int[SIZE], new double[SIZE], new double[SIZE]);
    }

    public BucketChunk(long base, int[] offset, double[] close, double[] size) {
        this.base = base;
        this.offset = offset;
        this.close = close;
        this.size = size;
    }

    /** The chunk that holds bucket {@code seq}. */
    public static long index(long seq) {
        return seq / SIZE;
    }

    /** The slot of bucket {@code seq} in its chunk. */
    public static int slot(long seq) {
        return (int) (seq % SIZE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketChunk c
                && base == c.base
                && Arrays.equals(offset, c.offset)
                && Arrays.equals(close, c.close)
                && Arrays.equals(size, c.size);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(base) * 31 + Arrays.hashCode(offset);
    }
}
