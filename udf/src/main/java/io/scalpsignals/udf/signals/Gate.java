package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.RiskProfile;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.state.GateState;
import io.scalpsignals.udf.triggers.Triggers;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Comparator;

/**
 * The gate of SPEC.md §5, free of Flink: decides a symbol's candidates one by one, in the order
 * of their ticks and, at one tick, in {@link #AT_ONE_TICK} order, against the symbol's {@link
 * GateState}. Checks, in order: CRASH_GUARD, CONFLICTING_SIGNALS, MIN_INTERVAL, LOW_CONFIDENCE,
 * SPREAD. A candidate that passes them all becomes a signal with its confidence, the risk
 * profile's parameters and its deterministic intent id (SPEC.md §6).
 *
 * <pre>{@code
 * Gate gate = new Gate(config);
 * Gate.Decision d = gate.decide(candidate, symbolGateState);   // updates the state
 * if (d.passed()) send(d.signal()); else block(d.signal(), d.reason());
 * }</pre>
 */
public final class Gate implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Candidates of one tick: by arrival number, then trigger rank (SPEC.md §5), long before short. */
    public static final Comparator<Candidate> AT_ONE_TICK = Comparator.comparingLong(Candidate::seq)
            .thenComparingInt(c -> c.trigger().rank())
            .thenComparing(Candidate::action);

    /**
     * What became of a candidate.
     *
     * @param signal the signal it is, or would have been (then without {@code emitted_at})
     * @param reason the check it failed, or null when it passed
     */
    public record Decision(Signal signal, @Nullable BlockReason reason) {
        public boolean passed() {
            return reason == null;
        }
    }

    private final StrategyConfig config;

    public Gate(StrategyConfig config) {
        this.config = config;
    }

    /**
     * Decides {@code c} and records it in {@code g}: every candidate counts for
     * CONFLICTING_SIGNALS, a passed one for MIN_INTERVAL.
     *
     * @param g the symbol's gate state, updated in place
     */
    public Decision decide(Candidate c, GateState g) {
        Signal signal = toSignal(c, config);
        BlockReason reason = check(c, signal.confidence(), g, config);
        if (c.action() == Action.OPEN_LONG) {
            g.lastLongTs = Math.max(g.lastLongTs, c.ts());
        } else {
            g.lastShortTs = Math.max(g.lastShortTs, c.ts());
        }
        if (reason == null) {
            g.lastEmittedTs = Math.max(g.lastEmittedTs, c.ts());
        }
        return new Decision(signal, reason);
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

    /** The signal a candidate becomes: confidence, the risk parameters of its trigger ({@link StrategyConfig#risk(io.scalpsignals.model.Trigger, int)}), the intent id. */
    static Signal toSignal(Candidate c, StrategyConfig config) {
        int confidence = Triggers.confidence(c.trigger(), c.features(), config);
        RiskProfile.Params r = config.risk(c.trigger(), confidence);
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
