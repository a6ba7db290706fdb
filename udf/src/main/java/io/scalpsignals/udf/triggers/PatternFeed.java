package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;

/**
 * Chooses the ticks each CEP pattern sees (SPEC.md §4, "CEP cost"), so that every pattern finds
 * exactly the matches it would find over all ticks while its work per tick stays bounded by a
 * constant, whatever the tick rate: {@link VwapFeed} for the two vwap_rejection patterns, {@link
 * BreakoutFeed} for the two breakout patterns, {@link BookImbalanceFeed} for the two book_imbalance
 * patterns, each with its argument and bound. The feeds'
 * state is part of the symbol's keyed state ({@code SymbolState.feed}).
 */
public final class PatternFeed {

    /** Receives the ticks given to one pattern, in order. */
    public interface Out {
        void vwap(Action direction, SymbolTick t) throws Exception;

        void breakout(Action direction, SymbolTick t) throws Exception;

        void bookImbalance(Action direction, SymbolTick t) throws Exception;
    }

    /** The six feeds' state, indexed by {@link Action#ordinal()}. */
    public static final class State {
        public final VwapFeed[] vwap = {new VwapFeed(), new VwapFeed()};
        public final BreakoutFeed[] breakout = {new BreakoutFeed(), new BreakoutFeed()};
        public final BookImbalanceFeed[] bookImbalance = {new BookImbalanceFeed(), new BookImbalanceFeed()};
    }

    /** {@link Action#values()} once: it copies its array at every call, and this runs at every tick. */
    private static final Action[] DIRECTIONS = Action.values();

    private PatternFeed() {}

    /**
     * Feeds tick {@code t} of a symbol whose feeds' state is {@code s}.
     *
     * @throws Exception what {@code out} throws
     */
    public static void onTick(SymbolTick t, State s, StrategyConfig c, Out out) throws Exception {
        Zone zone = Zone.of(t, c);
        for (Action a : DIRECTIONS) {
            s.vwap[a.ordinal()].onTick(t, zone, a, c, out);
            s.breakout[a.ordinal()].onTick(t, a, c, out);
            s.bookImbalance[a.ordinal()].onTick(t, a, c, out);
        }
    }
}
