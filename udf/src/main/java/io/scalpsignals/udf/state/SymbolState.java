package io.scalpsignals.udf.state;

import io.scalpsignals.udf.triggers.PatternFeed;

import java.util.Arrays;

/**
 * The per-symbol keyed state read and written once per tick (written by {@code
 * SymbolStateSerializer}: about 400 bytes, plus up to a few held ticks of the pattern feeds). The closed 1-second buckets live beside it in a {@link BucketStore}
 * and the bar history in a {@link BarHistory} that is touched only when a bar closes.
 *
 * <p>Bucket cursors: the closed buckets form a queue by sequence number. Cursor {@code c} has
 * passed every bucket whose id is at most its limit ({@code B - W} for a reference window W,
 * {@code B - volume_window_sec} for the volume boundary, {@code B - history_sec} for eviction,
 * with B the current bucket). Limits only grow, so each bucket is passed once per cursor and a
 * tick costs O(1) amortized state accesses. {@code nextId[c]} caches the id of the next bucket
 * to pass ({@link Long#MAX_VALUE} when the cursor has caught up with the queue).
 *
 * <p>Cleared when the input ends (the end-of-input timer); in a live run it lives as long as the
 * symbol is traded, and its size does not grow with time.
 */
public class SymbolState {

    /** Last accepted {@code ts}, epoch ms; ticks below it are late. */
    public long lastTs = Long.MIN_VALUE;

    /** Bucket of the symbol's first accepted tick. */
    public long firstBucket;

    /** The current (open) bucket: id, last price and summed size so far. */
    public long curBucket = Long.MIN_VALUE;

    public double curClose;
    public double curSize;

    /** Sequence number the next closed bucket gets in the {@link BucketStore}. */
    public long tailSeq;

    /** Per cursor: the next sequence number to pass, and that bucket's cached fields. */
    public long[] nextSeq;

    public long[] nextId;
    public double[] nextClose;
    public double[] nextSize;

    /** Per reference window: the last passed bucket's id and close ({@code ref(W)}). */
    public long[] refId;

    public double[] refClose;

    /** Summed size of closed buckets in {@code (B - 300, B)}, and their count. */
    public double recentVolume;

    public int recentBuckets;

    /** Summed size of buckets in {@code (B - 3900, B - 300]}, and their count. */
    public double baseVolume;

    public int baseBuckets;

    /** Session VWAP accumulators (West's weighted mean and M2) and the session's end. */
    public long sessionEnd = Long.MIN_VALUE;

    public double sessionVolume;
    public double sessionPv;
    public double sessionMean;
    public double sessionM2;

    /** The open bar: start (epoch ms) and OHLCV so far. */
    public long barStart = Long.MIN_VALUE;

    public double barOpen;
    public double barHigh;
    public double barLow;
    public double barClose;
    public double barVolume;
    public double barPv;
    public long barTrades;

    /** Breakout levels in force for the open bar: Donchian high/low of the 20 bars before it. */
    public double levelHigh = Double.NaN;

    public double levelLow = Double.NaN;

    /** Accepted ticks so far: the next tick's arrival number. */
    public long seq;

    /** What the CEP patterns' feeds remember ({@link PatternFeed}): a few ticks and levels. */
    public PatternFeed.State feed = new PatternFeed.State();

    /** What the gate remembers of the symbol. */
    public GateState gate = new GateState();

    public SymbolState() {}

    /** A fresh state with {@code cursors} bucket cursors and {@code refs} reference windows. */
    public static SymbolState create(int cursors, int refs) {
        SymbolState s = new SymbolState();
        s.nextSeq = new long[cursors];
        s.nextId = new long[cursors];
        s.nextClose = new double[cursors];
        s.nextSize = new double[cursors];
        Arrays.fill(s.nextId, Long.MAX_VALUE);
        s.refId = new long[refs];
        s.refClose = new double[refs];
        Arrays.fill(s.refId, Long.MIN_VALUE);
        Arrays.fill(s.refClose, Double.NaN);
        return s;
    }
}
