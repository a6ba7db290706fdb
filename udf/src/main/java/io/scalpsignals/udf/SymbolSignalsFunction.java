package io.scalpsignals.udf;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.features.SymbolEngine;
import io.scalpsignals.udf.metrics.ArrivalClock;
import io.scalpsignals.udf.metrics.JobMetrics;
import io.scalpsignals.udf.metrics.LabelledCounts;
import io.scalpsignals.udf.serde.BarHistorySerializer;
import io.scalpsignals.udf.serde.BucketChunkSerializer;
import io.scalpsignals.udf.serde.SymbolStateSerializer;
import io.scalpsignals.udf.serde.SymbolTickSerializer;
import io.scalpsignals.udf.signals.Candidate;
import io.scalpsignals.udf.signals.Gate;
import io.scalpsignals.udf.signals.KeyedNfa;
import io.scalpsignals.udf.signals.PatternFeed;
import io.scalpsignals.udf.signals.Patterns;
import io.scalpsignals.udf.signals.SymbolTick;
import io.scalpsignals.udf.signals.Triggers;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.BucketChunk;
import io.scalpsignals.udf.state.ChunkedBuckets;
import io.scalpsignals.udf.state.SymbolState;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.OutputTag;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * All of a symbol's work at each tick (SPEC.md §1–§6), keyed by symbol, in the symbol's own
 * event time: nothing waits for a watermark, and no result depends on another symbol, on a
 * partition's progress or on the wall clock. At an accepted tick, in SPEC §4's order:
 *
 * <ol>
 *   <li>the bar the tick closed, if any, on {@link #BARS};
 *   <li>the tick's feature record on {@link #FEATURES};
 *   <li>momentum_burst on the features;
 *   <li>the ticks {@link PatternFeed} chooses for each of the four CEP patterns ({@link
 *       Patterns}: vwap_rejection and breakout, long and short), each a {@link KeyedNfa}
 *       advanced to a given tick's {@code ts} and then given it;
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
 * <p>Accumulators (the command line's summary): {@value #ACC_ACCEPTED}, {@value #ACC_LATE},
 * {@value #ACC_BARS}, {@value #ACC_SYMBOLS}, {@value #ACC_SIGNALS_PREFIX}{@code
 * <trigger>.<action>}, {@value #ACC_BLOCKED_PREFIX}{@code <reason>}. Metrics ({@link
 * JobMetrics}): ticks accepted and late, the event-time lag, candidates and signals by trigger
 * and action, blocked candidates by reason, and the histogram {@value
 * JobMetrics#TICK_TO_SIGNAL_LATENCY_US} from the source's read of a tick ({@link
 * ReadTick#readMicros()}) to its signal, over the last {@value #LATENCY_WINDOW} signals.
 */
public class SymbolSignalsFunction extends KeyedProcessFunction<String, ReadTick, Signal> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<TickFeatures> FEATURES =
            new OutputTag<>("features", TypeInformation.of(TickFeatures.class));

    public static final OutputTag<Bar> BARS = new OutputTag<>("bars", TypeInformation.of(Bar.class));

    public static final OutputTag<LateTick> LATE = new OutputTag<>("late", TypeInformation.of(LateTick.class));

    public static final OutputTag<BlockedSignal> BLOCKED =
            new OutputTag<>("blocked", TypeInformation.of(BlockedSignal.class));

    public static final String ACC_ACCEPTED = "ticks-accepted";
    public static final String ACC_LATE = "ticks-late";
    public static final String ACC_BARS = "bars";
    public static final String ACC_SYMBOLS = "symbols";
    public static final String ACC_SIGNALS_PREFIX = "signals.";
    public static final String ACC_BLOCKED_PREFIX = "blocked.";

    /** Signals over which the latency histogram's quantiles are computed. */
    public static final int LATENCY_WINDOW = 10_000;

    private final StrategyConfig config;
    private final SymbolEngine engine;
    private final Gate gate;
    private final boolean emitFeatures;
    private final boolean emitBars;

    private transient ValueState<SymbolState> state;
    private transient MapState<Long, BucketChunk> buckets;
    private transient ValueState<BarHistory> history;
    private transient ChunkedBuckets bucketStore;
    private transient SymbolEngine.HistoryStore historyStore;
    private transient KeyedNfa<SymbolTick>[] vwapRejection;
    private transient KeyedNfa<SymbolTick>[] breakout;
    /** All four, for clearing and closing. */
    private transient List<KeyedNfa<SymbolTick>> patterns;

    private transient Feed feed;
    /** The current tick's candidates, reused. */
    private transient List<Candidate> candidates;

    private transient LongCounter accepted;
    private transient LongCounter late;
    private transient LongCounter bars;
    private transient LongCounter symbols;
    private transient Counter acceptedMetric;
    private transient Counter lateMetric;
    private transient Counter[][] candidateMetrics;
    private transient LabelledCounts signalCounts;
    private transient LabelledCounts blockedCounts;
    private transient Histogram latencyMicros;
    /** Per CEP pattern, {@code [trigger.ordinal()][action.ordinal()]}: ticks given, most partial matches. */
    private transient Counter[][] cepEvents;

    private transient int[][] cepPartialMatchesMax;
    /** The newest tick's {@code ts}, ms; written here with release semantics (no fence per tick), read by the reporter's thread. */
    private transient AtomicLong newestTs;
    /** The per-symbol metrics of {@code metrics_symbols}, or null when it names none. */
    @Nullable
    private transient Map<String, SymbolMetrics> symbolMetrics;

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
        this.engine = new SymbolEngine(config.features());
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
        TypeSerializer<SymbolTick> tickSerializer = SymbolTickSerializer.INSTANCE;
        patterns = new ArrayList<>(4);
        vwapRejection = compile(Trigger.VWAP_REJECTION, tickSerializer);
        breakout = compile(Trigger.BREAKOUT, tickSerializer);
        feed = new Feed();
        candidates = new ArrayList<>(4);

        accepted = getRuntimeContext().getLongCounter(ACC_ACCEPTED);
        late = getRuntimeContext().getLongCounter(ACC_LATE);
        bars = getRuntimeContext().getLongCounter(ACC_BARS);
        symbols = getRuntimeContext().getLongCounter(ACC_SYMBOLS);
        MetricGroup metrics = JobMetrics.group(getRuntimeContext().getMetricGroup());
        acceptedMetric = metrics.counter(JobMetrics.TICKS_ACCEPTED);
        lateMetric = metrics.counter(JobMetrics.TICKS_LATE);
        candidateMetrics = JobMetrics.byTriggerAndAction(metrics, JobMetrics.CANDIDATES);
        signalCounts =
                LabelledCounts.byTriggerAndAction(getRuntimeContext(), metrics, JobMetrics.SIGNALS, ACC_SIGNALS_PREFIX);
        blockedCounts = LabelledCounts.of(
                getRuntimeContext(), metrics, "reason", BlockReason.class, JobMetrics.BLOCKED, ACC_BLOCKED_PREFIX);
        latencyMicros = metrics.histogram(
                JobMetrics.TICK_TO_SIGNAL_LATENCY_US, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        cepEvents = new Counter[Trigger.values().length][];
        cepPartialMatchesMax = new int[Trigger.values().length][Action.values().length];
        for (Trigger trigger : List.of(Trigger.VWAP_REJECTION, Trigger.BREAKOUT)) {
            MetricGroup g = metrics.addGroup("trigger", trigger.wireName());
            cepEvents[trigger.ordinal()] = JobMetrics.byLabel(g, "action", Action.class, JobMetrics.CEP_EVENTS);
            int[] max = cepPartialMatchesMax[trigger.ordinal()];
            for (Action a : Action.values()) {
                g.addGroup("action", a.name())
                        .gauge(JobMetrics.CEP_PARTIAL_MATCHES_MAX, (Gauge<Integer>) () -> max[a.ordinal()]);
            }
        }
        newestTs = new AtomicLong(Long.MIN_VALUE);
        metrics.gauge(JobMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) () -> lagMs(newestTs));
        Set<String> listed = config.metricsSymbolSet();
        symbolMetrics = listed.isEmpty() ? null : new HashMap<>();
        for (String symbol : listed) {
            MetricGroup g = metrics.addGroup(JobMetrics.SYMBOL, symbol);
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            g.gauge(JobMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) () -> lagMs(newest));
            symbolMetrics.put(
                    symbol, new SymbolMetrics(g.counter(JobMetrics.SIGNALS), g.counter(JobMetrics.BLOCKED), newest));
        }
    }

    /** Wall clock minus the newest tick's ts, ms; 0 before the first. */
    private static long lagMs(AtomicLong newest) {
        long ts = newest.getAcquire();
        return ts == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - ts;
    }

    /** One listed symbol's metrics. */
    private record SymbolMetrics(Counter signals, Counter blocked, AtomicLong newestTs) {}

    /** The long and the short pattern of {@code trigger}, indexed by {@link Action#ordinal()}. */
    @SuppressWarnings("unchecked")
    private KeyedNfa<SymbolTick>[] compile(Trigger trigger, TypeSerializer<SymbolTick> serializer) throws Exception {
        KeyedNfa<SymbolTick>[] nfas = new KeyedNfa[Action.values().length];
        for (Action a : Action.values()) {
            Pattern<SymbolTick, SymbolTick> pattern = trigger == Trigger.VWAP_REJECTION
                    ? Patterns.vwapRejection(a, config)
                    : Patterns.breakout(a, config);
            String name = trigger.wireName() + "-" + (a == Action.OPEN_LONG ? "long" : "short");
            nfas[a.ordinal()] = new KeyedNfa<>(name, pattern, serializer, getRuntimeContext());
            patterns.add(nfas[a.ordinal()]);
        }
        return nfas;
    }

    @Override
    public void processElement(ReadTick read, Context ctx, Collector<Signal> out) throws Exception {
        Tick tick = read.tick();
        bucketStore.reset(); // a new symbol's chunks
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
            if (emitBars) {
                ctx.output(BARS, closed);
            }
            bars.add(1L);
        }
        TickFeatures f = engine.features(tick, s);
        if (emitFeatures) {
            ctx.output(FEATURES, f);
        }
        accepted.add(1L);
        acceptedMetric.inc();
        if (tick.ts() > newestTs.getPlain()) {
            newestTs.setRelease(tick.ts());
        }
        SymbolMetrics listed = symbolMetrics == null ? null : symbolMetrics.get(tick.symbol());
        if (listed != null && tick.ts() > listed.newestTs().getPlain()) {
            listed.newestTs().setRelease(tick.ts());
        }

        candidates.clear();
        Action burst = Triggers.momentumBurst(f, config);
        if (burst != null) {
            candidates.add(new Candidate(Trigger.MOMENTUM_BURST, burst, seq, f));
        }
        PatternFeed.onTick(new SymbolTick(f, s.levelHigh, s.levelLow, seq), s.feed, config, feed);
        Action reversion = closed == null ? null : Triggers.meanReversion(closed, config);
        if (reversion != null) {
            candidates.add(new Candidate(Trigger.MEAN_REVERSION, reversion, seq, f));
        }
        if (!candidates.isEmpty()) {
            decide(s, read.readMicros(), ctx, out, listed);
        }
        state.update(s);
    }

    /** Passes the tick's candidates through the gate, in SPEC §5's order. */
    private void decide(
            SymbolState s, long readMicros, Context ctx, Collector<Signal> out, @Nullable SymbolMetrics listed) {
        candidates.sort(Gate.AT_ONE_TICK);
        for (Candidate c : candidates) {
            candidateMetrics[c.trigger().ordinal()][c.action().ordinal()].inc();
            Gate.Decision d = gate.decide(c, s.gate);
            if (d.passed()) {
                out.collect(d.signal());
                latencyMicros.update(ArrivalClock.nowMicros() - readMicros);
                signalCounts.add(LabelledCounts.index(c.trigger(), c.action()));
                if (listed != null) {
                    listed.signals().inc();
                }
            } else {
                ctx.output(BLOCKED, new BlockedSignal(d.signal(), d.reason()));
                blockedCounts.add(d.reason().ordinal());
                if (listed != null) {
                    listed.blocked().inc();
                }
            }
        }
    }

    /** Runs the fed ticks through the CEP patterns; their matches become candidates. */
    private final class Feed implements PatternFeed.Out {
        @Override
        public void vwap(Action direction, SymbolTick t) throws Exception {
            match(vwapRejection[direction.ordinal()], Trigger.VWAP_REJECTION, direction, t);
        }

        @Override
        public void breakout(Action direction, SymbolTick t) throws Exception {
            match(breakout[direction.ordinal()], Trigger.BREAKOUT, direction, t);
        }

        private void match(KeyedNfa<SymbolTick> nfa, Trigger trigger, Action a, SymbolTick t) throws Exception {
            for (Map<String, List<SymbolTick>> match : nfa.process(t, t.ts())) {
                SymbolTick c = match.get(Patterns.SIGNAL).get(0);
                candidates.add(new Candidate(trigger, a, c.seq(), c.features()));
            }
            cepEvents[trigger.ordinal()][a.ordinal()].inc();
            int[] max = cepPartialMatchesMax[trigger.ordinal()];
            max[a.ordinal()] = Math.max(max[a.ordinal()], nfa.lastPartialMatches());
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
                bars.add(1L);
            }
        }
        state.clear();
        buckets.clear();
        history.clear();
        for (KeyedNfa<SymbolTick> nfa : patterns) {
            nfa.clear();
        }
    }

    @Override
    public void close() throws Exception {
        if (patterns != null) {
            for (KeyedNfa<SymbolTick> nfa : patterns) {
                nfa.close();
            }
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
    private record ValueStateHistory(ValueState<BarHistory> state) implements SymbolEngine.HistoryStore {
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
