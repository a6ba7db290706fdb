package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.metrics.OperatorMetrics;
import io.scalpsignals.udf.triggers.PatternFeed;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.pattern.Pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The six CEP patterns of the per-symbol operator ({@link Patterns}: vwap_rejection, breakout and
 * book_imbalance, long and short), each a {@link KeyedNfa} on the operator's keyed state, given the ticks {@link
 * PatternFeed} chooses for it (SPEC.md §4, "CEP cost"): {@link #onTick} returns what they matched
 * at a tick as candidates. Used by the task's thread only.
 */
public final class CepPatterns {

    /** Indexed by {@link Action#ordinal()}. */
    private final KeyedNfa<SymbolTick>[] vwapRejection;

    private final KeyedNfa<SymbolTick>[] breakout;
    private final KeyedNfa<SymbolTick>[] bookImbalance;
    /** All six, for clearing and closing. */
    private final List<KeyedNfa<SymbolTick>> all = new ArrayList<>(6);

    private final OperatorMetrics metrics;
    private final StrategyConfig config;
    private final List<Candidate> found = new ArrayList<>(2);
    private final PatternFeed.Out feed = new PatternFeed.Out() {
        @Override
        public void vwap(Action direction, SymbolTick t) throws Exception {
            match(vwapRejection[direction.ordinal()], Trigger.VWAP_REJECTION, direction, t);
        }

        @Override
        public void breakout(Action direction, SymbolTick t) throws Exception {
            match(breakout[direction.ordinal()], Trigger.BREAKOUT, direction, t);
        }

        @Override
        public void bookImbalance(Action direction, SymbolTick t) throws Exception {
            match(bookImbalance[direction.ordinal()], Trigger.BOOK_IMBALANCE, direction, t);
        }
    };

    /**
     * Compiles the patterns of {@code config} on the keyed state of {@code context} (one entry
     * each in the map state {@code cep}, {@link KeyedNfa}).
     *
     * @param serializer how a held tick is written in the patterns' state
     *
     * @throws Exception what flink-cep throws while compiling a pattern or opening its state
     */
    public CepPatterns(
            StrategyConfig config,
            RuntimeContext context,
            TypeSerializer<SymbolTick> serializer,
            OperatorMetrics metrics)
            throws Exception {
        this.config = config;
        this.metrics = metrics;
        this.vwapRejection = compile(Trigger.VWAP_REJECTION, context, serializer);
        this.breakout = compile(Trigger.BREAKOUT, context, serializer);
        this.bookImbalance = compile(Trigger.BOOK_IMBALANCE, context, serializer);
    }

    /**
     * Gives the current symbol's patterns the ticks its feeds (state {@code feeds}, updated) choose
     * at accepted tick {@code t}.
     *
     * @return the candidates matched, in the order their patterns completed: a list reused by the
     *     next call, so read before it
     * @throws Exception what the keyed state throws
     */
    public List<Candidate> onTick(SymbolTick t, PatternFeed.State feeds) throws Exception {
        found.clear();
        PatternFeed.onTick(t, feeds, config, feed);
        return found;
    }

    /** Clears the current symbol's partial matches (the end of a bounded input). */
    public void clear() throws Exception {
        for (KeyedNfa<SymbolTick> nfa : all) {
            nfa.clear();
        }
    }

    /** Closes the patterns' conditions. */
    public void close() throws Exception {
        for (KeyedNfa<SymbolTick> nfa : all) {
            nfa.close();
        }
    }

    private void match(KeyedNfa<SymbolTick> nfa, Trigger trigger, Action a, SymbolTick t) throws Exception {
        for (Map<String, List<SymbolTick>> match : nfa.process(t, t.ts())) {
            SymbolTick c = match.get(Patterns.SIGNAL).get(0);
            found.add(new Candidate(trigger, a, c.seq(), c.features()));
        }
        metrics.onPatternTick(trigger, a, nfa.lastPartialMatches());
    }

    /** The long and the short pattern of {@code trigger}, indexed by {@link Action#ordinal()}. */
    @SuppressWarnings("unchecked")
    private KeyedNfa<SymbolTick>[] compile(
            Trigger trigger, RuntimeContext context, TypeSerializer<SymbolTick> serializer) throws Exception {
        KeyedNfa<SymbolTick>[] nfas = new KeyedNfa[Action.values().length];
        for (Action a : Action.values()) {
            Pattern<SymbolTick, SymbolTick> pattern = switch (trigger) {
                case VWAP_REJECTION -> Patterns.vwapRejection(a, config);
                case BREAKOUT -> Patterns.breakout(a, config);
                case BOOK_IMBALANCE -> Patterns.bookImbalance(a, config);
                default -> throw new IllegalArgumentException(trigger + " is no CEP pattern");
            };
            String name = trigger.wireName() + "-" + (a == Action.OPEN_LONG ? "long" : "short");
            nfas[a.ordinal()] = new KeyedNfa<>(name, pattern, serializer, context);
            all.add(nfas[a.ordinal()]);
        }
        return nfas;
    }
}
