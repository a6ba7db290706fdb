package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks one book_imbalance pattern ({@link io.scalpsignals.udf.signals.Patterns#bookImbalance},
 * one direction) is given: two per match, whatever the tick rate, with exactly the matches the
 * pattern finds over every tick (SPEC.md §4, "CEP cost"). W is {@code book_imbalance_window_sec}
 * in ms and P {@code book_imbalance_persist_ms}, W &gt; P ({@link StrategyConfig#validate()}).
 *
 * <p><b>Matches.</b> Over every tick, a tick that breaks the run ({@link Triggers#holdsImbalance}
 * false) kills every partial match, so the live setups are those of the current run since the
 * last match. A setup {@code a} completes at the first confirming tick at or after {@code ts_a +
 * P}, if that tick is within W of it; if it is not, {@code a} has left the window. So a
 * confirming tick {@code c} matches exactly when some live setup lies in {@code (ts_c - W, ts_c -
 * P]}: a setup there has not met an earlier confirming tick at or after its own {@code ts + P}
 * (that tick would have matched, ending every setup up to it), and no setup outside it can
 * complete at {@code c}. Which setup completes does not matter: the signal is at {@code c}.
 *
 * <p><b>The feed.</b> A setup {@code s} makes {@code c} match for {@code ts_c} in {@code [ts_s +
 * P, ts_s + W)}; two setups at most {@code W - P} apart cover the whole span between them, so the
 * setups in between are not needed. The feed keeps a chain of the run's setups: its first, and
 * then, of the setups within {@code W - P} of the chain's last, the latest, held back until a
 * setup beyond that reach comes. The chain and the held setup cover every span the run's setups
 * cover from now on: a held setup replaced by a later one within reach of the chain's last has
 * its span inside the spans of those two, which leave no gap between them; a setup that has left
 * the window ({@code ts <= now - W}) covers no tick from now on, so it is dropped. At a confirming tick in the span of one of them, the pattern is given that setup and the
 * tick, and matches; a break or a match empties the chain. Nothing else reaches the pattern, which
 * so never holds a partial match between two ticks.
 *
 * <p><b>Bound.</b> Of three consecutive setups of the chain, the third is more than {@code W - P}
 * after the first, so at most {@code 2 ceil(W / (W - P))} of them are within W of any tick (4
 * with the defaults, 10 s and 2 s); older ones are dropped. The feed's state is those ticks and
 * the held one.
 */
public final class BookImbalanceFeed {

    /** The chain's setups still within the window, oldest first. */
    public final List<SymbolTick> chain = new ArrayList<>(4);

    /** The latest setup within {@code W - P} of the chain's last one and not in it, or null. */
    @Nullable
    public SymbolTick held;

    /**
     * Feeds tick {@code t} to the pattern of {@code direction}.
     *
     * @throws Exception what {@code out} throws
     */
    public void onTick(SymbolTick t, Action direction, StrategyConfig c, PatternFeed.Out out) throws Exception {
        long window = c.bookImbalanceWindowSec * 1000L;
        long persist = c.bookImbalancePersistMs;
        dropLeft(t.ts() - window);
        if (!Triggers.holdsImbalance(t, direction, c)) {
            reset();
            return;
        }
        if (Triggers.confirmsImbalance(t, direction, c)) {
            SymbolTick setup = covering(t.ts(), window, persist);
            if (setup != null) {
                out.bookImbalance(direction, setup);
                out.bookImbalance(direction, t);
                reset();
                return;
            }
        }
        if (Triggers.isImbalanceSetup(t, direction, c)) {
            long reach = window - persist;
            // a chain that has left the window is beyond every setup's reach
            if (held != null && beyondReach(t, reach)) {
                chain(held);
            }
            if (beyondReach(t, reach)) {
                chain(t);
            } else {
                held = t;
            }
        }
    }

    /** A setup of the chain, else the held one, in {@code (c - W, c - P]} (it completes at {@code c}); null for none. */
    @Nullable
    private SymbolTick covering(long c, long window, long persist) {
        for (int i = 0; i < chain.size(); i++) {
            if (covers(chain.get(i).ts(), c, window, persist)) {
                return chain.get(i);
            }
        }
        return held != null && covers(held.ts(), c, window, persist) ? held : null;
    }

    private static boolean covers(long a, long c, long window, long persist) {
        return c - a < window && a <= c - persist;
    }

    /** Whether {@code t} is more than {@code reach} ms after the chain's last setup, or the chain is empty. */
    private boolean beyondReach(SymbolTick t, long reach) {
        return chain.isEmpty() || t.ts() - chain.get(chain.size() - 1).ts() > reach;
    }

    private void chain(SymbolTick setup) {
        chain.add(setup);
        held = null;
    }

    /** Forgets the setups at or before {@code horizon} (they can complete at no later tick). */
    private void dropLeft(long horizon) {
        int left = 0;
        while (left < chain.size() && chain.get(left).ts() <= horizon) {
            left++;
        }
        if (left > 0) {
            chain.subList(0, left).clear();
        }
        if (held != null && held.ts() <= horizon) {
            held = null;
        }
    }

    private void reset() {
        chain.clear();
        held = null;
    }
}
