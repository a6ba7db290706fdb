package io.scalpsignals.udf;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.signals.Candidate;
import io.scalpsignals.udf.signals.PatternFeed;
import io.scalpsignals.udf.signals.SymbolTick;
import io.scalpsignals.udf.signals.Triggers;
import io.scalpsignals.udf.features.SymbolEngine;
import io.scalpsignals.udf.metrics.ArrivalClock;
import io.scalpsignals.udf.metrics.JobMetrics;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.Bucket;
import io.scalpsignals.udf.state.BucketStore;
import io.scalpsignals.udf.state.SymbolState;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.OutputTag;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-symbol features, bars and the plain triggers (SPEC.md §2–§4), keyed by symbol. For every
 * accepted tick, in SPEC's order of work: the {@link Bar} that the tick closed (if any) on
 * {@link #BARS}; the tick with its features and levels in force ({@link SymbolTick}) on the main
 * output; momentum_burst and mean_reversion {@link Candidate}s on {@link #CANDIDATES}; and the
 * ticks the CEP patterns need on {@link #VWAP_FEED} and {@link #BREAKOUT_FEED} ({@link
 * PatternFeed}). A tick below the symbol's last accepted {@code ts} goes to {@link #LATE} and
 * changes no state.
 *
 * <p>Keyed state per symbol, all of fixed size:
 *
 * <ul>
 *   <li>{@code symbol-state} ({@link SymbolState}, ~400 B): read and written once per tick;
 *   <li>{@code buckets} (map of sequence number to {@link Bucket}, at most {@code history_sec} =
 *       3900 entries, ~50 B each serialized with its key, ~105 B on the heap): one put per new
 *       second, cursor reads and evictions amortized O(1) per tick, no list serialized per tick;
 *   <li>{@code bar-history} ({@link BarHistory}, ~2 KB): read and written once per closed bar.
 * </ul>
 *
 * Clear path: one event-time timer per symbol at {@link Long#MAX_VALUE} fires when a bounded
 * input ends; it closes the open bar and clears all three. Live, state lives as long as the job
 * and is bounded per symbol by one bucket per second with a trade in the last {@code
 * history_sec}: about 410 KB on the heap and 200 KB serialized at a trade every second
 * (BENCHMARKS.md).
 *
 * <p>Accumulators (read by the command line for its summary): {@value #ACC_ACCEPTED}, {@value
 * #ACC_LATE}, {@value #ACC_BARS}, {@value #ACC_SYMBOLS}. Metrics ({@link JobMetrics}): {@value
 * JobMetrics#TICKS_ACCEPTED}, {@value JobMetrics#TICKS_LATE}, {@value
 * JobMetrics#EVENT_TIME_LAG_MS}; each tick is stamped with its {@link ArrivalClock} time for the
 * gate's latency histogram.
 */
public class SymbolFeaturesFunction extends KeyedProcessFunction<String, Tick, SymbolTick> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<Bar> BARS = new OutputTag<>("bars", TypeInformation.of(Bar.class));

    public static final OutputTag<LateTick> LATE =
            new OutputTag<>("late", TypeInformation.of(LateTick.class));

    public static final OutputTag<Candidate> CANDIDATES =
            new OutputTag<>("candidates", TypeInformation.of(Candidate.class));

    public static final OutputTag<SymbolTick> VWAP_FEED =
            new OutputTag<>("vwap-feed", TypeInformation.of(SymbolTick.class));

    public static final OutputTag<SymbolTick> BREAKOUT_FEED =
            new OutputTag<>("breakout-feed", TypeInformation.of(SymbolTick.class));

    public static final String ACC_ACCEPTED = "ticks-accepted";
    public static final String ACC_LATE = "ticks-late";
    public static final String ACC_BARS = "bars";
    public static final String ACC_SYMBOLS = "symbols";

    private final StrategyConfig config;
    private final SymbolEngine engine;

    private transient ValueState<SymbolState> state;
    private transient MapState<Long, Bucket> buckets;
    private transient ValueState<BarHistory> history;
    private transient BucketStore bucketStore;
    private transient SymbolEngine.HistoryStore historyStore;
    private transient LongCounter accepted;
    private transient LongCounter late;
    private transient LongCounter bars;
    private transient LongCounter symbols;
    private transient Feed feed;
    private transient Counter acceptedMetric;
    private transient Counter lateMetric;
    /** The newest tick's {@code ts}, ms; written here with release semantics (no fence per tick), read by the reporter's thread. */
    private transient AtomicLong newestTs;

    public SymbolFeaturesFunction(StrategyConfig config) {
        this.config = config;
        this.engine = new SymbolEngine(config.features());
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("symbol-state", SymbolState.class));
        buckets =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buckets", Types.LONG, TypeInformation.of(Bucket.class)));
        history =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("bar-history", BarHistory.class));
        bucketStore = new MapStateBuckets(buckets);
        historyStore = new ValueStateHistory(history);
        accepted = getRuntimeContext().getLongCounter(ACC_ACCEPTED);
        late = getRuntimeContext().getLongCounter(ACC_LATE);
        bars = getRuntimeContext().getLongCounter(ACC_BARS);
        symbols = getRuntimeContext().getLongCounter(ACC_SYMBOLS);
        feed = new Feed();
        MetricGroup metrics = JobMetrics.group(getRuntimeContext().getMetricGroup());
        acceptedMetric = metrics.counter(JobMetrics.TICKS_ACCEPTED);
        lateMetric = metrics.counter(JobMetrics.TICKS_LATE);
        newestTs = new AtomicLong(Long.MIN_VALUE);
        metrics.gauge(JobMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) () -> {
            long newest = newestTs.getAcquire();
            return newest == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - newest;
        });
    }

    @Override
    public void processElement(Tick tick, Context ctx, Collector<SymbolTick> out)
            throws Exception {
        long arrival = ArrivalClock.nowMicros(); // first: the state read is part of the latency
        SymbolState s = state.value();
        if (s == null) {
            s = engine.newState();
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            symbols.add(1L);
        } else if (tick.ts() < s.lastTs) {
            ctx.output(LATE, new LateTick(tick, s.lastTs));
            late.add(1L);
            lateMetric.inc();
            return;
        }
        Bar closed = engine.onTick(tick, s, bucketStore, historyStore);
        long seq = s.seq++;
        if (closed != null) {
            ctx.output(BARS, closed);
            bars.add(1L);
        }
        TickFeatures f = engine.features(tick, s);
        SymbolTick t = new SymbolTick(f, s.levelHigh, s.levelLow, seq, arrival);
        out.collect(t);
        accepted.add(1L);
        acceptedMetric.inc();
        if (tick.ts() > newestTs.getPlain()) {
            newestTs.setRelease(tick.ts());
        }

        Action burst = Triggers.momentumBurst(f, config);
        if (burst != null) {
            ctx.output(CANDIDATES, new Candidate(Trigger.MOMENTUM_BURST, burst, seq, f, arrival));
        }
        Action reversion = closed == null ? null : Triggers.meanReversion(closed, config);
        if (reversion != null) {
            ctx.output(CANDIDATES, new Candidate(Trigger.MEAN_REVERSION, reversion, seq, f, arrival));
        }
        feed.context = ctx;
        PatternFeed.onTick(t, s, config, feed);
        state.update(s);
    }

    /** Sends the pattern feeds to their side outputs; reused for every tick. */
    private static final class Feed implements PatternFeed.Out {
        private Context context;

        @Override
        public void vwap(SymbolTick t) {
            context.output(VWAP_FEED, t);
        }

        @Override
        public void breakout(SymbolTick t) {
            context.output(BREAKOUT_FEED, t);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SymbolTick> out)
            throws Exception {
        SymbolState s = state.value();
        if (s != null) {
            Bar last = engine.closeAtEndOfInput(ctx.getCurrentKey(), s, historyStore);
            if (last != null) {
                ctx.output(BARS, last);
                bars.add(1L);
            }
        }
        state.clear();
        buckets.clear();
        history.clear();
    }

    /** {@link BucketStore} over keyed {@link MapState}. */
    private record MapStateBuckets(MapState<Long, Bucket> map) implements BucketStore {
        @Override
        public void put(long seq, Bucket bucket) {
            try {
                map.put(seq, bucket);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot write bucket state", e);
            }
        }

        @Override
        public Bucket get(long seq) {
            try {
                return map.get(seq);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot read bucket state", e);
            }
        }

        @Override
        public void remove(long seq) {
            try {
                map.remove(seq);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot remove bucket state", e);
            }
        }
    }

    /** Lazy access to the bar history in keyed {@link ValueState}. */
    private record ValueStateHistory(ValueState<BarHistory> state)
            implements SymbolEngine.HistoryStore {
        @Override
        public BarHistory load() {
            try {
                BarHistory h = state.value();
                return h != null ? h : new BarHistory();
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot read bar history", e);
            }
        }

        @Override
        public void save(BarHistory h) {
            try {
                state.update(h);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot write bar history", e);
            }
        }
    }
}
