package io.scalpsignals.udf.state;

/**
 * The closed 1-second buckets of one symbol by sequence number (0, 1, 2, ... in time order):
 * appended at the tail, read into a cursor of {@link SymbolState}, evicted from the head. Every
 * call is a point access, so its cost does not grow with the history; no call allocates a
 * bucket object.
 */
public interface BucketStore {

    /** Appends bucket {@code seq} (the next sequence number): its id, last price and summed size. */
    void append(long seq, long id, double close, double size);

    /** Copies bucket {@code seq}, which must be held, into cursor {@code cursor} of {@code s}. */
    void load(long seq, SymbolState s, int cursor);

    /** Drops bucket {@code seq}, the oldest held. */
    void evict(long seq);
}
