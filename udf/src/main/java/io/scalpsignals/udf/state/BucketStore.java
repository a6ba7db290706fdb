package io.scalpsignals.udf.state;

/**
 * The closed buckets of one symbol by sequence number (0, 1, 2, ... in time order). Backed by
 * Flink {@code MapState} in the job and by a map in tests and benchmarks. Every call is a point
 * access, so the cost per call does not grow with the history.
 */
public interface BucketStore {

    void put(long seq, Bucket bucket);

    /** The bucket at {@code seq}, which must be present. */
    Bucket get(long seq);

    void remove(long seq);
}
