package io.scalpsignals.udf.triggers;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks one breakout pattern ({@link io.scalpsignals.udf.signals.Patterns#breakout}, one direction) is given: a few per
 * break of a level, whatever the tick rate, with exactly the matches the pattern finds over every
 * tick (SPEC.md §4, "CEP cost"). Shown for long; short mirrors it with the low level.
 *
 * <p><b>Runs.</b> Over every tick, each break tick {@code b} opens a partial match against its
 * frozen level L; it dies at the first tick at or below L (a fall), and at the first tick at or
 * after {@code ts_b + breakout_confirm_ms} (its decision tick, beyond L or it would be a fall)
 * it completes if that tick is within the window of {@code b}, else it has left the window. The
 * breaks of one level value since its last fall form a <em>run</em>; they die at the same falls.
 * The decision tick {@code d} of the run's first break {@code b1} ends the run: every later break
 * of the run is earlier than {@code ts_b1 + confirm} (a later one would itself be {@code d}), so
 * at {@code d} either {@code b1} is within the window and completes, or (a gap of at least {@code
 * window - confirm} with no tick) {@code b1} has left it and every break of the run decides at
 * {@code d}, because the window is at least twice the delay ({@link StrategyConfig#validate()}).
 * Either way a match happens at {@code d} exactly when the run's <em>latest</em> break is within
 * the window of {@code d}; no other break of the run can make or change it. A match then ends every
 * partial match up to {@code d} ({@code SKIP_PAST_LAST_EVENT}); the breaks of a bar share its
 * level, so the runs alive at once are those of the levels of the last {@code confirm} ms.
 *
 * <p><b>The feed.</b> For each live run it gives the pattern the first break when it comes, holds
 * back the run's latest break, and gives the pattern every fall of a live run and every decision
 * tick; a held break is given just before any later tick is (the pattern's events stay in time
 * order), else replaced by the next break of its run. The pattern so sees each run's first and
 * latest breaks, every tick that kills or decides them, and otherwise at most one held break per
 * run for each tick it is given while the run collects breaks: a fall or decision of an older
 * run, each at most once per run.
 *
 * <p><b>Bound.</b> With R the levels of the last {@code confirm} ms (2 with the defaults: 15 s
 * bars, 5 s delay), the partial matches are the start state and per live run its first break plus
 * at most R held ones: at most {@code 1 + R (1 + R)} after any tick. The feed's state is R runs,
 * each with one held tick.
 */
public final class BreakoutFeed {

    /** The live runs. */
    public final List<Run> runs = new ArrayList<>(2);

    /** A run: the breaks of one level since its last fall. */
    public static final class Run {
        /** The frozen level, price units. */
        public double level;

        /** {@code ts} of its first break (given to the pattern), epoch ms. */
        public long firstTs;

        /** {@code ts} of its latest break, epoch ms. */
        public long latestTs;

        /** Its latest break if not yet given to the pattern, else null. */
        @Nullable
        public SymbolTick held;

        public Run() {}

        Run(double level, long firstTs) {
            this.level = level;
            this.firstTs = firstTs;
            this.latestTs = firstTs;
        }
    }

    /**
     * Feeds tick {@code t} to the pattern of {@code direction}.
     *
     * @throws Exception what {@code out} throws
     */
    public void onTick(SymbolTick t, Action direction, StrategyConfig c, PatternFeed.Out out) throws Exception {
        long window = c.breakoutWindowSec * 1000L;
        boolean give = false;
        boolean matched = false;
        int decided = 0; // runs[0, decided) that t ends, in order
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            boolean fall = !Triggers.beyond(t.price(), r.level, direction);
            if (fall || t.ts() >= r.firstTs + c.breakoutConfirmMs) {
                give = true;
                if (fall) {
                    r.held = null; // dies with its run
                } else {
                    matched |= t.ts() - r.latestTs < window;
                }
                runs.set(i, runs.get(decided));
                runs.set(decided++, r);
            }
        }
        Run own = null;
        if (!matched && Triggers.isBreak(t, direction, c)) {
            double level = Triggers.level(t, direction);
            for (int i = decided; i < runs.size() && own == null; i++) {
                if (runs.get(i).level == level) {
                    own = runs.get(i);
                }
            }
            if (own == null) {
                runs.add(new Run(level, t.ts()));
                give = true;
            } else {
                own.latestTs = t.ts();
                own.held = give ? null : t;
            }
        }
        if (give) {
            giveHeld(matched ? decided : runs.size(), direction, out);
            out.breakout(direction, t);
        }
        if (matched) {
            runs.clear();
        } else if (decided > 0) {
            runs.subList(0, decided).clear(); // a view: not made at a tick that decides nothing
        }
    }

    /** Gives the pattern the held breaks of {@code runs[0, upTo)}, in arrival order. */
    private void giveHeld(int upTo, Action direction, PatternFeed.Out out) throws Exception {
        while (true) {
            Run next = null;
            for (int i = 0; i < upTo; i++) {
                Run r = runs.get(i);
                if (r.held != null && (next == null || r.held.seq() < next.held.seq())) {
                    next = r;
                }
            }
            if (next == null) {
                return;
            }
            out.breakout(direction, next.held);
            next.held = null;
        }
    }
}
