package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.state.SymbolState;

/**
 * Chooses the ticks the CEP patterns see (SPEC.md §4, "CEP cost"), so that the patterns find
 * exactly the matches they would find over all ticks while holding far fewer partial matches.
 *
 * <p><b>VWAP feed</b> (both vwap_rejection patterns), by runs of ticks in one zone: of an ABOVE
 * or BELOW run, its first tick with {@code volume_ratio >= vwap_rejection_volume_ratio_min} and
 * its last tick (held back one tick, released when the next tick is in another zone); of a TOUCH
 * run, its first tick; of a NEUTRAL run, nothing. Why this is exact: a match completes at the
 * first confirming tick c after a TOUCH t, which is the first flagged tick of its run; the best
 * first tick a is the latest ABOVE (BELOW) before t, the last of its run; the first TOUCH after a
 * starts a run; and any run of the opposite zone between a and t shows up with its last tick,
 * which is all the {@code notFollowedBy} needs. Any match over the feed is a match over all
 * ticks, with the same last tick.
 *
 * <p><b>Breakout feed</b> (both breakout patterns): every break tick, and every tick less than
 * {@code breakout_window_sec} after the last break. This contains what SPEC.md requires (the
 * first tick at or after {@code ts_b + confirm} of each live break and every tick at or inside a
 * live break's level); the extra ticks change no match, since only break ticks start one.
 *
 * <p>Partial matches per symbol and pattern: vwap_rejection holds at most {@code 1 + A (1 + T)},
 * A and T the fed ABOVE (BELOW) and TOUCH ticks of the last {@code vwap_rejection_window_sec}
 * (at most two per ABOVE run and one per TOUCH run), the 1 being the NFA's start state;
 * breakout at most {@code 1 +} the break ticks of the last {@code breakout_window_sec}.
 */
public final class PatternFeed {

    /** Receives the fed ticks, in order. */
    public interface Out {
        void vwap(SymbolTick t) throws Exception;

        void breakout(SymbolTick t) throws Exception;
    }

    private PatternFeed() {}

    /**
     * Feeds tick {@code t} of the symbol whose state is {@code s}.
     *
     * @throws Exception what {@code out} throws
     */
    public static void onTick(SymbolTick t, SymbolState s, StrategyConfig c, Out out) throws Exception {
        Zone zone = Zone.of(t, c);
        boolean flagged = t.features().volumeRatio() >= c.vwapRejectionVolumeRatioMin;
        boolean flagSeen = s.feedKey >= 0 && s.feedKey % 2 == 1;
        if (s.feedKey < 0 || s.feedKey / 2 != zone.ordinal()) {
            if (s.feedHeld != null) {
                out.vwap(s.feedHeld);
            }
            s.feedHeld = null;
            flagSeen = false;
            if (zone == Zone.TOUCH) {
                out.vwap(t);
            }
        }
        if (zone == Zone.ABOVE || zone == Zone.BELOW) {
            if (flagged && !flagSeen) {
                out.vwap(t);
                flagSeen = true;
                s.feedHeld = null;
            } else {
                s.feedHeld = t;
            }
        }
        s.feedKey = zone.ordinal() * 2 + (flagSeen ? 1 : 0);

        boolean isBreak = Triggers.isBreak(t, Action.OPEN_LONG, c) || Triggers.isBreak(t, Action.OPEN_SHORT, c);
        if (isBreak) {
            s.lastBreakTs = t.ts();
        }
        if (s.lastBreakTs != Long.MIN_VALUE && t.ts() - s.lastBreakTs < c.breakoutWindowSec * 1000L) {
            out.breakout(t);
        }
    }
}
