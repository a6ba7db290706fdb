package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.state.SymbolState;

/**
 * Chooses the ticks the CEP patterns see (SPEC.md §4, "CEP cost"), so that the patterns find
 * exactly the matches they would find over all ticks while holding far fewer partial matches.
 *
 * <p><b>VWAP feed</b> (both vwap_rejection patterns): a tick whose (zone, volume flag) differs
 * from the previous tick's, and the last tick of every zone run (held back one tick, released
 * when the next tick is in another zone). Why this is exact: a match completes at the first
 * confirming tick c after a TOUCH t, so c starts a zone or flag run; the best first tick a is the
 * latest ABOVE (BELOW) before t, the last of its zone run; the first TOUCH after a starts a run;
 * and every run of the opposite zone between a and t shows up with its first tick, which is all
 * the {@code notFollowedBy} needs. Any match over the feed is a match over all ticks.
 *
 * <p><b>Breakout feed</b> (both breakout patterns): every break tick, and every tick less than
 * {@code breakout_window_sec} after the last break. This contains what SPEC.md requires (the
 * first tick at or after {@code ts_b + confirm} of each live break and every tick at or inside a
 * live break's level); the extra ticks change no match, since only break ticks start one.
 *
 * <p>Partial matches per symbol and pattern: vwap_rejection holds at most {@code A (1 + T)},
 * A and T the fed ABOVE (BELOW) and TOUCH ticks of the last {@code vwap_rejection_window_sec};
 * breakout at most the break ticks of the last {@code breakout_window_sec}.
 */
public final class PatternFeed {

    /** Receives the fed ticks, in order. */
    public interface Out {
        void vwap(SymbolTick t);

        void breakout(SymbolTick t);
    }

    private PatternFeed() {}

    /** Feeds tick {@code t} of the symbol whose state is {@code s}. */
    public static void onTick(SymbolTick t, SymbolState s, StrategyConfig c, Out out) {
        Zone zone = Zone.of(t, c);
        boolean flag = t.features().volumeRatio() >= c.vwapRejectionVolumeRatioMin;
        int key = zone.ordinal() * 2 + (flag ? 1 : 0);
        if (s.feedHeld != null && s.feedKey / 2 != zone.ordinal()) {
            out.vwap(s.feedHeld);
        }
        s.feedHeld = null;
        if (key != s.feedKey) {
            out.vwap(t);
        } else {
            s.feedHeld = t;
        }
        s.feedKey = key;

        boolean isBreak =
                Triggers.isBreak(t, Action.OPEN_LONG, c) || Triggers.isBreak(t, Action.OPEN_SHORT, c);
        if (isBreak) {
            s.lastBreakTs = t.ts();
        }
        if (s.lastBreakTs != Long.MIN_VALUE && t.ts() - s.lastBreakTs < c.breakoutWindowSec * 1000L) {
            out.breakout(t);
        }
    }
}
