package io.scalpsignals.udf.features;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.BucketStore;
import io.scalpsignals.udf.state.SymbolState;

import javax.annotation.Nullable;

import java.io.Serializable;

/**
 * The per-symbol computation of SPEC.md §2–§3, free of Flink so that the job, the tests and the
 * benchmark floor run the same code. The caller owns the state: it passes one symbol's {@link
 * SymbolState}, {@link BucketStore} and bar history with every tick and persists them.
 *
 * <p>Order of work at a tick (SPEC.md §4): if the tick opens a new bar the previous bar closes
 * first, then the tick's features are computed.
 *
 * <pre>{@code
 * FeatureCalculator engine = new FeatureCalculator(FeatureConfig.defaults());
 * SymbolState s = engine.newState();
 * Bar closed = engine.onTick(tick, s, buckets, history);   // null unless a bar closed
 * TickFeatures f = engine.features(tick, s);
 * }</pre>
 *
 * <p>State bound per symbol: one {@link SymbolState}, at most {@code history_sec} (3900) closed
 * buckets, and one {@link BarHistory}; nothing grows with time or tick rate.
 */
public final class FeatureCalculator implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Supplies the bar history, loaded only when a bar closes. */
    public interface HistoryStore {
        BarHistory load();

        void save(BarHistory history);
    }

    private final FeatureConfig config;
    private final SessionCalendar calendar;
    /** Reference windows in seconds: the velocity windows, then the crash-guard window. */
    private final int[] refWindows;

    private final int volumeCursor;
    private final int evictCursor;

    public FeatureCalculator(FeatureConfig config) {
        this.config = config;
        this.calendar = new SessionCalendar(config.sessionZone(), config.sessionStart());
        int v = FeatureConfig.VELOCITY_WINDOWS_SEC.length;
        this.refWindows = new int[v + 1];
        System.arraycopy(FeatureConfig.VELOCITY_WINDOWS_SEC, 0, refWindows, 0, v);
        refWindows[v] = config.crashGuardSec();
        this.volumeCursor = refWindows.length;
        this.evictCursor = refWindows.length + 1;
    }

    /** A fresh state for a symbol. */
    public SymbolState newState() {
        return SymbolState.create(refWindows.length + 2, refWindows.length);
    }

    /**
     * Applies an accepted tick (its {@code ts} not below the symbol's last accepted {@code ts}) to
     * the state: closes the open bar if the tick belongs to a later one, then updates the
     * buckets, the session VWAP and the new bar.
     *
     * @return the bar that this tick closed, or null
     * @throws IllegalArgumentException when the tick is late (the caller routes late ticks)
     */
    @Nullable
    public Bar onTick(Tick t, SymbolState s, BucketStore buckets, HistoryStore history) {
        if (t.ts() < s.lastTs) {
            throw new IllegalArgumentException("late tick " + t.ts() + " < " + s.lastTs);
        }
        long bucket = Math.floorDiv(t.ts(), 1000L);
        if (s.lastTs == Long.MIN_VALUE) {
            s.firstBucket = bucket;
        }
        s.lastTs = t.ts();

        Bar closed = null;
        long barStart = Math.floorDiv(t.ts(), config.barMs()) * config.barMs();
        if (barStart != s.barStart) {
            if (s.barStart != Long.MIN_VALUE) {
                BarHistory h = history.load();
                closed = BarIndicators.close(t.symbol(), s, h);
                history.save(h);
            }
            openBar(s, barStart, t.price());
        }
        s.barHigh = Math.max(s.barHigh, t.price());
        s.barLow = Math.min(s.barLow, t.price());
        s.barClose = t.price();
        s.barVolume += t.size();
        s.barPv += t.price() * t.size();
        s.barTrades++;

        if (bucket != s.curBucket) {
            rollBucket(s, buckets, bucket);
        }
        s.curClose = t.price();
        s.curSize += t.size();

        if (t.ts() >= s.sessionEnd) {
            s.sessionEnd = calendar.nextSessionStart(t.ts());
            s.sessionVolume = 0;
            s.sessionPv = 0;
            s.sessionMean = 0;
            s.sessionM2 = 0;
        }
        // West (1979), weighted incremental mean and M2: stable where sum(v p^2) - vwap^2 is not.
        // The session's first trade sets the mean exactly, so equal prices give sigma 0 exactly.
        if (s.sessionVolume == 0) {
            s.sessionMean = t.price();
            s.sessionVolume = t.size();
        } else {
            double w = s.sessionVolume + t.size();
            double delta = t.price() - s.sessionMean;
            s.sessionMean += delta * t.size() / w;
            s.sessionM2 += t.size() * delta * (t.price() - s.sessionMean);
            s.sessionVolume = w;
        }
        s.sessionPv += t.price() * t.size();
        return closed;
    }

    /** The feature record of the tick that {@link #onTick} has just applied to {@code s}. */
    public TickFeatures features(Tick t, SymbolState s) {
        long horizon = s.curBucket - config.historySec();
        double p = t.price();
        double vel30 = velocity(s, 2, horizon, p);
        double recent = (s.recentVolume + s.curSize) / (config.volumeWindowSec() / 60.0);
        double base = s.baseVolume / ((config.historySec() - config.volumeWindowSec()) / 60.0);
        double ratio = s.firstBucket <= horizon && base > 0 ? recent / base : Double.NaN;

        double vwap = s.sessionPv / s.sessionVolume;
        double sigma = Math.sqrt(Math.max(0.0, s.sessionM2) / s.sessionVolume);
        double spread = (t.ask() - t.bid()) / ((t.ask() + t.bid()) / 2);
        double depth = t.bidSize() + t.askSize();
        // SPEC §4: only a tick with quotes (the spread is then defined) and some depth has one. Not
        // Tick.imbalance(): the call made the whole backfill 20 % slower (BENCHMARKS.md, issue 28)
        double imbalance = depth > 0 && !Double.isNaN(spread) ? (t.bidSize() - t.askSize()) / depth : Double.NaN;
        return new TickFeatures(
                t.symbol(),
                t.ts(),
                p,
                t.size(),
                velocity(s, 0, horizon, p),
                velocity(s, 1, horizon, p),
                vel30,
                velocity(s, 3, horizon, p),
                vel30 / FeatureConfig.VELOCITY_WINDOWS_SEC[2],
                velocity(s, 4, horizon, p),
                ratio,
                vwap,
                sigma,
                vwap + sigma,
                vwap - sigma,
                vwap + 2 * sigma,
                vwap - 2 * sigma,
                spread,
                imbalance);
    }

    /**
     * {@code (p - ref) / ref} for reference window {@code i}; NaN when its reference bucket is
     * missing or not after {@code horizon} (a NaN reference propagates).
     */
    private static double velocity(SymbolState s, int i, long horizon, double p) {
        double ref = s.refId[i] > horizon ? s.refClose[i] : Double.NaN;
        return (p - ref) / ref;
    }

    /**
     * Closes the open bar at the end of a bounded input.
     *
     * @return the closed bar, or null when no bar is open
     */
    @Nullable
    public Bar closeAtEndOfInput(String symbol, SymbolState s, HistoryStore history) {
        if (s.barStart == Long.MIN_VALUE) {
            return null;
        }
        BarHistory h = history.load();
        Bar bar = BarIndicators.close(symbol, s, h);
        history.save(h);
        s.barStart = Long.MIN_VALUE;
        return bar;
    }

    private static void openBar(SymbolState s, long barStart, double price) {
        s.barStart = barStart;
        s.barOpen = price;
        s.barHigh = price;
        s.barLow = price;
        s.barVolume = 0;
        s.barPv = 0;
        s.barTrades = 0;
    }

    /** Closes the current bucket into the store and moves every cursor to the new bucket. */
    private void rollBucket(SymbolState s, BucketStore buckets, long bucket) {
        if (s.curBucket != Long.MIN_VALUE) {
            long seq = s.tailSeq++;
            buckets.append(seq, s.curBucket, s.curClose, s.curSize);
            s.recentVolume += s.curSize;
            s.recentBuckets++;
            for (int c = 0; c < s.nextSeq.length; c++) {
                if (s.nextSeq[c] == seq) {
                    s.nextId[c] = s.curBucket;
                    s.nextClose[c] = s.curClose;
                    s.nextSize[c] = s.curSize;
                }
            }
        }
        s.curBucket = bucket;
        s.curSize = 0;

        for (int i = 0; i < refWindows.length; i++) {
            long limit = bucket - refWindows[i];
            while (s.nextId[i] <= limit) {
                s.refId[i] = s.nextId[i];
                s.refClose[i] = s.nextClose[i];
                advance(s, buckets, i);
            }
        }
        long recentLimit = bucket - config.volumeWindowSec();
        int v = volumeCursor;
        while (s.nextId[v] <= recentLimit) {
            s.recentVolume -= s.nextSize[v];
            s.recentBuckets--;
            s.baseVolume += s.nextSize[v];
            s.baseBuckets++;
            advance(s, buckets, v);
        }
        long evictLimit = bucket - config.historySec();
        int e = evictCursor;
        while (s.nextId[e] <= evictLimit) {
            s.baseVolume -= s.nextSize[e];
            s.baseBuckets--;
            long seq = s.nextSeq[e];
            advance(s, buckets, e);
            buckets.evict(seq);
        }
        // Running sums are exact again whenever their window empties (no drift into a false
        // "base > 0" after a silent hour).
        if (s.recentBuckets == 0) {
            s.recentVolume = 0;
        }
        if (s.baseBuckets == 0) {
            s.baseVolume = 0;
        }
    }

    /** Moves cursor {@code c} one bucket on and caches the next bucket, if any. */
    private static void advance(SymbolState s, BucketStore buckets, int c) {
        long next = ++s.nextSeq[c];
        if (next < s.tailSeq) {
            buckets.load(next, s, c);
        } else {
            s.nextId[c] = Long.MAX_VALUE;
        }
    }
}
