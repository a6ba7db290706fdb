package io.scalpsignals.udf;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.features.FeatureCalculator;
import io.scalpsignals.udf.metrics.OperatorMetrics;
import io.scalpsignals.udf.serde.BarHistorySerializer;
import io.scalpsignals.udf.serde.BucketChunkSerializer;
import io.scalpsignals.udf.serde.SymbolStateSerializer;
import io.scalpsignals.udf.serde.SymbolTickSerializer;
import io.scalpsignals.udf.signals.Candidate;
import io.scalpsignals.udf.signals.CepPatterns;
import io.scalpsignals.udf.signals.Gate;
import io.scalpsignals.udf.signals.KeyedNfa;
import io.scalpsignals.udf.signals.ReadTick;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.BucketChunk;
import io.scalpsignals.udf.state.ChunkedBuckets;
import io.scalpsignals.udf.state.SymbolState;
import io.scalpsignals.udf.triggers.PatternFeed;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.Triggers;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * All of a symbol's work at each tick (SPEC.md §1–§6), keyed by symbol, in the symbol's own
 * event time: nothing waits for a watermark, and no result depends on another symbol, on a
 * partition's progress or on the wall clock. At an accepted tick, in SPEC §4's order:
 *
 * <ol>
 *   <li>the bar the tick closed, if any, on {@link #BARS};
 *   <li>the tick's feature record on {@link #FEATURES};
 *   <li>momentum_burst on the features;
 *   <li>the six CEP patterns ({@link CepPatterns}: vwap_rejection, breakout and book_imbalance,
 *       long and short), each given the ticks its feed chooses;
 *   <li>mean_reversion on the closed bar;
 *   <li>the tick's candidates through the {@link Gate} in {@link Gate#AT_ONE_TICK} order: signals
 *       on the main output, blocked candidates on {@link #BLOCKED}.
 * </ol>
 *
 * Every output of a tick is emitted while the tick is processed. A tick below the symbol's last
 * accepted {@code ts} goes to {@link #LATE} and changes no state.
 *
 * <p>Keyed state per symbol:
 *
 * <ul>
 *   <li>{@code symbol-state} ({@link SymbolState}, ~550 B serialized: features, open bar,
 *       pattern feed, the gate's three timestamps): read and written once per tick;
 *   <li>{@code bucket-chunks} (map of chunk index to {@link BucketChunk}: the closed 1-second
 *       buckets, 64 to a chunk, at most {@code history_sec / 64 + 2} = 62 chunks of 1,288 bytes):
 *       one chunk write per new second, a chunk read when a cursor enters another chunk;
 *   <li>{@code bar-history} ({@link BarHistory}, ~1.7 KB): read and written once per closed bar;
 *   <li>{@code cep} (map of pattern name to bytes): per CEP pattern, the NFA's partial matches
 *       and its shared buffer packed into one entry ({@link KeyedNfa}), bounded as {@link
 *       PatternFeed} states; read when the pattern is given a tick, written when that changed it.
 * </ul>
 *
 * Clear path: one event-time timer per symbol at {@link Long#MAX_VALUE} fires when a bounded
 * input ends (the source's final watermark); it closes the open bar and clears all of it. Live,
 * state lives as long as the job, bounded per symbol as above (BENCHMARKS.md).
 *
 * <p>Accumulators and metrics: {@link OperatorMetrics} (the latency histogram from the source's
 * read of a tick, {@link ReadTick#readMicros()}, to its signal).
 */
public class SymbolSignalsFunction extends KeyedProcessFunction<String, ReadTick, Signal> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<TickFeatures> FEATURES =
            new OutputTag<>("features", TypeInformation.of(TickFeatures.class));

    public static final OutputTag<Bar> BARS = new OutputTag<>("bars", TypeInformation.of(Bar.class));

    public static final OutputTag<LateTick> LATE = new OutputTag<>("late", TypeInformation.of(LateTick.class));

    public static final OutputTag<BlockedSignal> BLOCKED =
            new OutputTag<>("blocked", TypeInformation.of(BlockedSignal.class));

    private final StrategyConfig config;
    private final FeatureCalculator engine;
    private final Gate gate;
    private final boolean emitFeatures;
    private final boolean emitBars;

    private transient ValueState<SymbolState> state;
    private transient MapState<Long, BucketChunk> buckets;
    private transient ValueState<BarHistory> history;
    private transient ChunkedBuckets bucketStore;
    private transient FeatureCalculator.HistoryStore historyStore;
    private transient CepPatterns patterns;
    /** The current tick's candidates, reused. */
    private transient List<Candidate> candidates;

    private transient OperatorMetrics metrics;

    /** Every output emitted. */
    public SymbolSignalsFunction(StrategyConfig config) {
        this(config, true, true);
    }

    /**
     * @param emitFeatures whether the feature records go to {@link #FEATURES} (the features are
     *     computed either way: the triggers need them)
     * @param emitBars whether closed bars go to {@link #BARS}
     */
    public SymbolSignalsFunction(StrategyConfig config, boolean emitFeatures, boolean emitBars) {
        this.config = config;
        this.engine = new FeatureCalculator(config.features());
        this.gate = new Gate(config);
        this.emitFeatures = emitFeatures;
        this.emitBars = emitBars;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("symbol-state", SymbolStateSerializer.INSTANCE));
        buckets = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "bucket-chunks", LongSerializer.INSTANCE, BucketChunkSerializer.INSTANCE));
        history =
                getRuntimeContext().getState(new ValueStateDescriptor<>("bar-history", BarHistorySerializer.INSTANCE));
        bucketStore = new ChunkedBuckets(new MapStateChunks(buckets));
        historyStore = new ValueStateHistory(history);
        metrics = new OperatorMetrics(getRuntimeContext(), config.metricsSymbolSet());
        patterns = new CepPatterns(config, getRuntimeContext(), SymbolTickSerializer.INSTANCE, metrics);
        candidates = new ArrayList<>(4);
    }

    @Override
    public void processElement(ReadTick read, Context ctx, Collector<Signal> out) throws Exception {
        Tick tick = read.tick();
        bucketStore.reset(); // a new symbol's chunks
        SymbolState s = state.value();
        if (s == null) {
            s = engine.newState();
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            metrics.onNewSymbol();
        } else if (tick.ts() < s.lastTs) {
            ctx.output(LATE, new LateTick(tick, s.lastTs));
            metrics.onLate();
            return;
        }
        Bar closed = engine.onTick(tick, s, bucketStore, historyStore);
        long seq = s.seq++;
        if (closed != null) {
            if (emitBars) {
                ctx.output(BARS, closed);
            }
            metrics.onBar();
        }
        TickFeatures f = engine.features(tick, s);
        if (emitFeatures) {
            ctx.output(FEATURES, f);
        }
        metrics.onAccepted(tick.symbol(), tick.ts());

        candidates.clear();
        Action burst = Triggers.momentumBurst(f, config);
        if (burst != null) {
            candidates.add(new Candidate(Trigger.MOMENTUM_BURST, burst, seq, f));
        }
        List<Candidate> matched = patterns.onTick(new SymbolTick(f, s.levelHigh, s.levelLow, seq), s.feed);
        for (int i = 0; i < matched.size(); i++) { // no addAll: it copies an array at every tick
            candidates.add(matched.get(i));
        }
        Action reversion = closed == null ? null : Triggers.meanReversion(closed, config);
        if (reversion != null) {
            candidates.add(new Candidate(Trigger.MEAN_REVERSION, reversion, seq, f));
        }
        if (!candidates.isEmpty()) {
            decide(s, read.readMicros(), ctx, out);
        }
        state.update(s);
    }

    /** Passes the tick's candidates through the gate, in SPEC §5's order. */
    private void decide(SymbolState s, long readMicros, Context ctx, Collector<Signal> out) {
        candidates.sort(Gate.AT_ONE_TICK);
        for (Candidate c : candidates) {
            metrics.onCandidate(c.trigger(), c.action());
            Gate.Decision d = gate.decide(c, s.gate);
            if (d.passed()) {
                out.collect(d.signal());
                metrics.onSignal(c.symbol(), c.trigger(), c.action(), readMicros);
            } else {
                ctx.output(BLOCKED, new BlockedSignal(d.signal(), d.reason()));
                metrics.onBlocked(c.symbol(), d.reason());
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Signal> out) throws Exception {
        SymbolState s = state.value();
        if (s != null) {
            Bar last = engine.closeAtEndOfInput(ctx.getCurrentKey(), s, historyStore);
            if (last != null) {
                if (emitBars) {
                    ctx.output(BARS, last);
                }
                metrics.onBar();
            }
        }
        state.clear();
        buckets.clear();
        history.clear();
        patterns.clear();
    }

    @Override
    public void close() throws Exception {
        if (patterns != null) {
            patterns.close();
        }
    }

    /** The bucket chunks of the current symbol in keyed {@link MapState}. */
    private record MapStateChunks(MapState<Long, BucketChunk> map) implements ChunkedBuckets.Chunks {
        @Override
        public BucketChunk get(long index) {
            try {
                return map.get(index);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot read bucket state", e);
            }
        }

        @Override
        public void put(long index, BucketChunk chunk) {
            try {
                map.put(index, chunk);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot write bucket state", e);
            }
        }

        @Override
        public void remove(long index) {
            try {
                map.remove(index);
            } catch (Exception e) {
                throw new FlinkRuntimeException("cannot remove bucket state", e);
            }
        }
    }

    /** Lazy access to the bar history in keyed {@link ValueState}. */
    private record ValueStateHistory(ValueState<BarHistory> state) implements FeatureCalculator.HistoryStore {
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
