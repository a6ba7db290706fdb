package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;

import javax.annotation.Nullable;

/**
 * The ticks one vwap_rejection pattern ({@link io.scalpsignals.udf.signals.Patterns#vwapRejection}, one direction) is given:
 * at most three per confirming tick, whatever the tick rate, with exactly the matches the pattern
 * finds over every tick (SPEC.md §4, "CEP cost"). Shown for long; short swaps ABOVE and BELOW.
 *
 * <p><b>Why this is exact.</b> Over every tick, an ABOVE tick {@code a} opens a partial match
 * that takes the first TOUCH after it, unless a BELOW tick comes first, then completes at the
 * first ABOVE tick with {@code volume_ratio >= vwap_rejection_volume_ratio_min} (a confirming
 * tick) if that is within the window of {@code a}. So a TOUCH {@code t} can only be taken by the
 * ABOVE ticks after the TOUCH before it and after the last BELOW before it; of those, all take
 * {@code t} and complete at the same confirming tick, and the latest is the last to leave the
 * window: only the latest can decide whether a match happens, call it the pair {@code (a, t)}.
 * A later TOUCH's pair is later still, so at a confirming tick {@code c} a match happens exactly
 * when the latest pair formed since the previous confirming tick given to the pattern has its
 * {@code a} within the window of {@code c} (pairs older than that completed or left the window
 * at that tick). Hence the feed holds back the latest ABOVE tick and the latest pair, and at the
 * first confirming tick after a pair gives the pattern {@code a} (unless it was given already:
 * the previous {@code c}), {@code t}, then {@code c}; nothing else.
 *
 * <p><b>Bound.</b> The pattern's partial matches are its start state, {@code a}, and at most the
 * previous {@code c} left from a confirming tick that did not match (no BELOW reaches the pattern,
 * so that {@code c} can take the next pair's {@code t}; being earlier than that pair's {@code a}
 * it completes only where {@code a} does): at most 3 after any tick. The feed's state is three
 * ticks.
 */
public final class VwapFeed {

    /** The latest ABOVE tick since the last TOUCH or BELOW tick, or null. */
    @Nullable
    public SymbolTick entry;

    /** The latest pair not yet given to the pattern: its ABOVE tick and its TOUCH, or both null. */
    @Nullable
    public SymbolTick pairEntry;

    @Nullable
    public SymbolTick pairTouch;

    /** {@link SymbolTick#seq()} of the last tick given to the pattern, -1 before the first. */
    public long fedSeq = -1;

    /**
     * Feeds tick {@code t}, in the zone {@code zone} (SPEC §4), to the pattern of {@code
     * direction}.
     *
     * @throws Exception what {@code out} throws
     */
    public void onTick(SymbolTick t, Zone zone, Action direction, StrategyConfig c, PatternFeed.Out out)
            throws Exception {
        Zone entryZone = direction == Action.OPEN_LONG ? Zone.ABOVE : Zone.BELOW;
        if (zone == entryZone) {
            if (pairTouch != null && Triggers.confirmsVwap(t, c)) {
                if (pairEntry.seq() > fedSeq) {
                    out.vwap(direction, pairEntry);
                }
                out.vwap(direction, pairTouch);
                out.vwap(direction, t);
                fedSeq = t.seq();
                pairEntry = null;
                pairTouch = null;
            }
            entry = t;
        } else if (zone == Zone.TOUCH) {
            if (entry != null) {
                pairEntry = entry;
                pairTouch = t;
            }
            entry = null;
        } else if (zone != Zone.NEUTRAL) {
            entry = null; // the opposite zone: no ABOVE before it can take a later TOUCH
        }
    }
}
