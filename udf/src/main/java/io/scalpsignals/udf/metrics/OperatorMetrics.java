package io.scalpsignals.udf.metrics;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.Trigger;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

import javax.annotation.Nullable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the per-symbol operator counts, in one place: its accumulators (the command line's
 * summary: {@value #ACC_ACCEPTED}, {@value #ACC_LATE}, {@value #ACC_BARS}, {@value #ACC_SYMBOLS},
 * {@value #ACC_SIGNALS_PREFIX}{@code <trigger>.<action>}, {@value #ACC_BLOCKED_PREFIX}{@code
 * <reason>}) and its metrics ({@link JobMetrics}): ticks accepted and late, the event-time lag,
 * candidates and signals by trigger and action, blocked candidates by reason, the ticks given to
 * each CEP pattern and its most partial matches, the per-symbol metrics of {@code
 * metrics_symbols}, and the histogram {@value JobMetrics#TICK_TO_SIGNAL_LATENCY_US} from the
 * source's read of a tick to its signal, over the last {@value #LATENCY_WINDOW} signals. Made in
 * the operator's {@code open}; used by the task's thread only, but the gauges, which the
 * reporter's thread reads.
 */
public final class OperatorMetrics {

    public static final String ACC_ACCEPTED = "ticks-accepted";
    public static final String ACC_LATE = "ticks-late";
    public static final String ACC_BARS = "bars";
    public static final String ACC_SYMBOLS = "symbols";
    public static final String ACC_SIGNALS_PREFIX = "signals.";
    public static final String ACC_BLOCKED_PREFIX = "blocked.";

    /** Signals over which the latency histogram's quantiles are computed. */
    public static final int LATENCY_WINDOW = 10_000;

    private final LongCounter accepted;
    private final LongCounter late;
    private final LongCounter bars;
    private final LongCounter symbols;
    private final Counter acceptedMetric;
    private final Counter lateMetric;
    private final Counter[][] candidates;
    private final LabelledCounts signalCounts;
    private final LabelledCounts blockedCounts;
    private final Histogram latencyMicros;
    /** Per CEP pattern, {@code [trigger.ordinal()][action.ordinal()]}: ticks given, most partial matches. */
    private final Counter[][] cepEvents;

    private final int[][] cepPartialMatchesMax;
    /** The newest tick's {@code ts}, ms; written here with release semantics (no fence per tick), read by the reporter's thread. */
    private final AtomicLong newestTs = new AtomicLong(Long.MIN_VALUE);
    /** The per-symbol metrics of {@code metrics_symbols}, or null when it names none. */
    @Nullable
    private final Map<String, SymbolMetrics> symbolMetrics;

    /**
     * Registers the accumulators and metrics with {@code context}.
     *
     * @param listedSymbols the symbols with metrics of their own ({@code metrics_symbols}), possibly none
     */
    public OperatorMetrics(RuntimeContext context, Set<String> listedSymbols) {
        accepted = context.getLongCounter(ACC_ACCEPTED);
        late = context.getLongCounter(ACC_LATE);
        bars = context.getLongCounter(ACC_BARS);
        symbols = context.getLongCounter(ACC_SYMBOLS);
        MetricGroup metrics = JobMetrics.group(context.getMetricGroup());
        acceptedMetric = metrics.counter(JobMetrics.TICKS_ACCEPTED);
        lateMetric = metrics.counter(JobMetrics.TICKS_LATE);
        candidates = JobMetrics.byTriggerAndAction(metrics, JobMetrics.CANDIDATES);
        signalCounts = LabelledCounts.byTriggerAndAction(context, metrics, JobMetrics.SIGNALS, ACC_SIGNALS_PREFIX);
        blockedCounts = LabelledCounts.of(
                context, metrics, "reason", BlockReason.class, JobMetrics.BLOCKED, ACC_BLOCKED_PREFIX);
        latencyMicros = metrics.histogram(
                JobMetrics.TICK_TO_SIGNAL_LATENCY_US, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        cepEvents = new Counter[Trigger.values().length][];
        cepPartialMatchesMax = new int[Trigger.values().length][Action.values().length];
        for (Trigger trigger : List.of(Trigger.VWAP_REJECTION, Trigger.BREAKOUT, Trigger.BOOK_IMBALANCE)) {
            MetricGroup g = metrics.addGroup("trigger", trigger.wireName());
            cepEvents[trigger.ordinal()] = JobMetrics.byLabel(g, "action", Action.class, JobMetrics.CEP_EVENTS);
            int[] max = cepPartialMatchesMax[trigger.ordinal()];
            for (Action a : Action.values()) {
                g.addGroup("action", a.name())
                        .gauge(JobMetrics.CEP_PARTIAL_MATCHES_MAX, (Gauge<Integer>) () -> max[a.ordinal()]);
            }
        }
        metrics.gauge(JobMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) () -> lagMs(newestTs));
        symbolMetrics = listedSymbols.isEmpty() ? null : new HashMap<>();
        for (String symbol : listedSymbols) {
            MetricGroup g = metrics.addGroup(JobMetrics.SYMBOL, symbol);
            AtomicLong newest = new AtomicLong(Long.MIN_VALUE);
            g.gauge(JobMetrics.EVENT_TIME_LAG_MS, (Gauge<Long>) () -> lagMs(newest));
            symbolMetrics.put(
                    symbol, new SymbolMetrics(g.counter(JobMetrics.SIGNALS), g.counter(JobMetrics.BLOCKED), newest));
        }
    }

    /** A symbol's first tick. */
    public void onNewSymbol() {
        symbols.add(1L);
    }

    /** A tick below its symbol's last accepted {@code ts}. */
    public void onLate() {
        late.add(1L);
        lateMetric.inc();
    }

    /** A bar closed (by a tick or at the end of the input). */
    public void onBar() {
        bars.add(1L);
    }

    /** An accepted tick of {@code symbol} at {@code ts} (epoch ms): counted, and the event-time lag's newest. */
    public void onAccepted(String symbol, long ts) {
        accepted.add(1L);
        acceptedMetric.inc();
        if (ts > newestTs.getPlain()) {
            newestTs.setRelease(ts);
        }
        SymbolMetrics listed = listed(symbol);
        if (listed != null && ts > listed.newestTs().getPlain()) {
            listed.newestTs().setRelease(ts);
        }
    }

    /** A candidate before the gate. */
    public void onCandidate(Trigger trigger, Action action) {
        candidates[trigger.ordinal()][action.ordinal()].inc();
    }

    /** A signal out, from a tick the source read at {@code readMicros} (epoch µs, {@link ArrivalClock}). */
    public void onSignal(String symbol, Trigger trigger, Action action, long readMicros) {
        latencyMicros.update(ArrivalClock.nowMicros() - readMicros);
        signalCounts.add(LabelledCounts.index(trigger, action));
        SymbolMetrics listed = listed(symbol);
        if (listed != null) {
            listed.signals().inc();
        }
    }

    /** A candidate the gate blocked for {@code reason}. */
    public void onBlocked(String symbol, BlockReason reason) {
        blockedCounts.add(reason.ordinal());
        SymbolMetrics listed = listed(symbol);
        if (listed != null) {
            listed.blocked().inc();
        }
    }

    /** A tick given to a CEP pattern, which then held {@code partialMatches} partial matches. */
    public void onPatternTick(Trigger trigger, Action action, int partialMatches) {
        cepEvents[trigger.ordinal()][action.ordinal()].inc();
        int[] max = cepPartialMatchesMax[trigger.ordinal()];
        max[action.ordinal()] = Math.max(max[action.ordinal()], partialMatches);
    }

    @Nullable
    private SymbolMetrics listed(String symbol) {
        return symbolMetrics == null ? null : symbolMetrics.get(symbol);
    }

    /** Wall clock minus the newest tick's ts, ms; 0 before the first. */
    private static long lagMs(AtomicLong newest) {
        long ts = newest.getAcquire();
        return ts == Long.MIN_VALUE ? 0L : System.currentTimeMillis() - ts;
    }

    /** One listed symbol's metrics. */
    private record SymbolMetrics(Counter signals, Counter blocked, AtomicLong newestTs) {}
}
