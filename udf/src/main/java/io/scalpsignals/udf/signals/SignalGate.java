package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.RiskProfile;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.metrics.ArrivalClock;
import io.scalpsignals.udf.metrics.JobMetrics;
import io.scalpsignals.udf.metrics.LabelledCounts;
import io.scalpsignals.udf.state.GateState;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The gate of SPEC.md §5, keyed by symbol: turns candidates into signals with risk parameters
 * and a deterministic intent id, or blocks them with a reason ({@link #BLOCKED}).
 *
 * <p>Candidates of a symbol are processed in event order whichever operator produced them: CEP
 * emits only when the watermark passes, so the gate buffers candidates by {@code ts} and
 * processes a timestamp when the watermark passes it, sorted by the arrival order of their ticks,
 * then trigger rank (momentum_burst, vwap_rejection, breakout, mean_reversion). Checks, in order:
 * CRASH_GUARD, CONFLICTING_SIGNALS, MIN_INTERVAL, LOW_CONFIDENCE, SPREAD.
 *
 * <p>Keyed state: {@code pending} (candidates by {@code ts}, each entry removed when processed,
 * so it holds only candidates not yet behind the watermark) and {@code gate} ({@link GateState},
 * 24 bytes), cleared by a timer at {@link Long#MAX_VALUE} when a bounded input ends.
 *
 * <p>Accumulators: {@value #ACC_SIGNALS_PREFIX}{@code <trigger>.<action>} and {@value
 * #ACC_BLOCKED_PREFIX}{@code <reason>}. Metrics ({@link JobMetrics}): {@value
 * JobMetrics#CANDIDATES} and {@value JobMetrics#SIGNALS} by trigger and action, {@value
 * JobMetrics#BLOCKED} by reason, and the histogram {@value JobMetrics#TICK_TO_SIGNAL_LATENCY_US}
 * over the last {@value #LATENCY_WINDOW} signals.
 */
public class SignalGate extends KeyedProcessFunction<String, Candidate, Signal> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<BlockedSignal> BLOCKED =
            new OutputTag<>("blocked", TypeInformation.of(BlockedSignal.class));

    public static final String ACC_SIGNALS_PREFIX = "signals.";
    public static final String ACC_BLOCKED_PREFIX = "blocked.";

    /** Signals over which the latency histogram's quantiles are computed. */
    public static final int LATENCY_WINDOW = 10_000;

    private static final Comparator<Candidate> AT_ONE_TIMESTAMP =
            Comparator.comparingLong(Candidate::seq)
                    .thenComparingInt(c -> c.trigger().rank())
                    .thenComparing(Candidate::action);

    private final StrategyConfig config;
    private final RiskProfile profile;

    private transient MapState<Long, List<Candidate>> pending;
    private transient ValueState<GateState> gate;
    private transient Counter[][] candidateMetrics;
    /** Metrics and accumulators of signals by trigger and action, and of blocked candidates by reason. */
    private transient LabelledCounts signalCounts;
    private transient LabelledCounts blockedCounts;
    private transient Histogram latencyMicros;
    /** When this task started ({@link ArrivalClock}): a candidate restored from state arrived before, not a latency sample. */
    private transient long openedAtMicros;

    public SignalGate(StrategyConfig config) {
        this.config = config;
        this.profile = config.riskProfile();
    }

    @Override
    public void open(OpenContext openContext) {
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending", Types.LONG, Types.LIST(TypeInformation.of(Candidate.class))));
        gate = getRuntimeContext().getState(new ValueStateDescriptor<>("gate", GateState.class));
        MetricGroup metrics = JobMetrics.group(getRuntimeContext().getMetricGroup());
        candidateMetrics = JobMetrics.byTriggerAndAction(metrics, JobMetrics.CANDIDATES);
        signalCounts = LabelledCounts.byTriggerAndAction(getRuntimeContext(), metrics, JobMetrics.SIGNALS, ACC_SIGNALS_PREFIX);
        blockedCounts = LabelledCounts.of(getRuntimeContext(), metrics, "reason", BlockReason.class, JobMetrics.BLOCKED, ACC_BLOCKED_PREFIX);
        latencyMicros = metrics.histogram(
                JobMetrics.TICK_TO_SIGNAL_LATENCY_US, new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
        openedAtMicros = ArrivalClock.nowMicros();
    }

    @Override
    public void processElement(Candidate c, Context ctx, Collector<Signal> out) throws Exception {
        candidateMetrics[c.trigger().ordinal()][c.action().ordinal()].inc();
        if (gate.value() == null) {
            gate.update(new GateState());
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        List<Candidate> at = pending.get(c.ts());
        if (at == null) {
            at = new ArrayList<>(2);
            ctx.timerService().registerEventTimeTimer(c.ts());
        }
        at.add(c);
        pending.put(c.ts(), at);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<Signal> out) throws Exception {
        List<Candidate> at = pending.get(ts);
        if (at != null) {
            at.sort(AT_ONE_TIMESTAMP);
            GateState g = gate.value();
            for (Candidate c : at) {
                process(c, g, ctx, out);
            }
            gate.update(g);
            pending.remove(ts);
        }
        if (ts == Long.MAX_VALUE) {
            gate.clear();
        }
    }

    private void process(Candidate c, GateState g, OnTimerContext ctx, Collector<Signal> out) {
        Signal signal = toSignal(c, config, profile);
        BlockReason reason = check(c, signal.confidence(), g, config);
        if (c.action() == Action.OPEN_LONG) {
            g.lastLongTs = Math.max(g.lastLongTs, c.ts());
        } else {
            g.lastShortTs = Math.max(g.lastShortTs, c.ts());
        }
        if (reason == null) {
            g.lastEmittedTs = Math.max(g.lastEmittedTs, c.ts());
            out.collect(signal);
            if (c.arrivalMicros() >= openedAtMicros) {
                latencyMicros.update(ArrivalClock.nowMicros() - c.arrivalMicros());
            }
            signalCounts.add(LabelledCounts.index(c.trigger(), c.action()));
        } else {
            ctx.output(BLOCKED, new BlockedSignal(signal, reason));
            blockedCounts.add(reason.ordinal());
        }
    }

    /**
     * The first check that {@code c} fails, in SPEC.md §5's order, or null when it passes.
     *
     * @param g the symbol's gate state before {@code c}
     */
    @Nullable
    static BlockReason check(Candidate c, int confidence, GateState g, StrategyConfig config) {
        TickFeatures f = c.features();
        boolean longSide = c.action() == Action.OPEN_LONG;
        if (longSide ? f.ret5m() <= -config.crashGuardPct : f.ret5m() >= config.crashGuardPct) {
            return BlockReason.CRASH_GUARD;
        }
        long opposite = longSide ? g.lastShortTs : g.lastLongTs;
        if (opposite != Long.MIN_VALUE && opposite >= c.ts() - config.conflictWindowSec * 1000L) {
            return BlockReason.CONFLICTING_SIGNALS;
        }
        if (g.lastEmittedTs != Long.MIN_VALUE && g.lastEmittedTs > c.ts() - config.minIntervalSec * 1000L) {
            return BlockReason.MIN_INTERVAL;
        }
        if (confidence < config.minConfidence) {
            return BlockReason.LOW_CONFIDENCE;
        }
        if (f.spreadPct() > config.maxSpreadPct) {
            return BlockReason.SPREAD;
        }
        return null;
    }

    /** The signal a candidate becomes: confidence, the profile's risk parameters, the intent id. */
    static Signal toSignal(Candidate c, StrategyConfig config, RiskProfile profile) {
        int confidence = Triggers.confidence(c.trigger(), c.features(), config);
        RiskProfile.Params r = profile.forConfidence(confidence);
        return new Signal(
                IntentIds.of(c.symbol(), c.trigger(), c.action(), c.ts(), config.strategyVersion),
                c.symbol(),
                c.action(),
                c.trigger(),
                c.ts(),
                c.features().price(),
                confidence,
                r.leverage(),
                r.sizePct(),
                r.tpPct(),
                r.slPct(),
                r.timeInTradeLimitSec(),
                r.cooldownSec(),
                r.trailActivationRoi(),
                r.trailDistanceRoi(),
                config.strategyVersion,
                c.features());
    }
}
