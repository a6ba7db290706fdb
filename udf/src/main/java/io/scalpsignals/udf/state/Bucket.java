package io.scalpsignals.udf.state;

/**
 * One closed, non-empty 1-second event-time bucket of a symbol (SPEC.md §2): {@code
 * b = floor(ts / 1000)}, its last trade price and its summed size. A Flink POJO.
 */
public class Bucket {

    /** {@code floor(ts / 1000)} of the bucket's trades. */
    public long id;

    /** Price of the bucket's last trade. */
    public double close;

    /** Summed size of the bucket's trades, base units. */
    public double size;

    public Bucket() {}

    public Bucket(long id, double close, double size) {
        this.id = id;
        this.close = close;
        this.size = size;
    }
}
