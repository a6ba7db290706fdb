package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.Triggers;
import io.scalpsignals.udf.triggers.Zone;

import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

import java.time.Duration;
import java.util.Iterator;

/**
 * The Flink CEP patterns of SPEC.md §4. Long and short are separate patterns; each skips past
 * the last event of a match ({@code SKIP_PAST_LAST_EVENT}), and {@code within} is strict (a
 * match's last tick is less than the window after its first), as Flink CEP counts it. The
 * signal is at the match's last event, named {@value #SIGNAL}.
 *
 * <pre>{@code
 * CEP.pattern(feed.keyBy(t -> t.features().symbol()), Patterns.breakout(Action.OPEN_LONG, config))
 *    .process(new MatchToCandidate(Trigger.BREAKOUT, Action.OPEN_LONG));
 * }</pre>
 */
public final class Patterns {

    /** The name of the event at which a match signals. */
    public static final String SIGNAL = "c";

    private Patterns() {}

    /**
     * vwap_rejection (long shown; short mirrors ABOVE and BELOW): an ABOVE tick {@code a}, later
     * a TOUCH tick {@code t} with no BELOW tick between them, later an ABOVE tick {@code c} with
     * {@code volume_ratio >= vwap_rejection_volume_ratio_min}, {@code c} within {@code
     * vwap_rejection_window_sec} (120 s) of {@code a}.
     */
    public static Pattern<SymbolTick, SymbolTick> vwapRejection(Action direction, StrategyConfig c) {
        Zone entry = direction == Action.OPEN_LONG ? Zone.ABOVE : Zone.BELOW;
        Zone against = direction == Action.OPEN_LONG ? Zone.BELOW : Zone.ABOVE;
        return Pattern.<SymbolTick>begin("a", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new InZone(entry, c, false))
                .notFollowedBy("against")
                .where(new InZone(against, c, false))
                .followedBy("t")
                .where(new InZone(Zone.TOUCH, c, false))
                .followedBy(SIGNAL)
                .where(new InZone(entry, c, true))
                .within(Duration.ofSeconds(c.vwapRejectionWindowSec));
    }

    /**
     * breakout (long shown; short mirrors with the low level): a break tick {@code b} ({@link
     * Triggers#isBreak}) whose level L is frozen for the match, confirmed by the first tick
     * {@code c} with {@code ts_c >= ts_b + breakout_confirm_ms} and {@code p_c > L}, every tick
     * between them beyond L too, {@code c} within {@code breakout_window_sec} (30 s) of {@code b}.
     */
    public static Pattern<SymbolTick, SymbolTick> breakout(Action direction, StrategyConfig c) {
        return Pattern.<SymbolTick>begin("b", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new OnTick(OnTick.Test.BREAK, direction, c))
                .notFollowedBy("fall")
                .where(new FallsBack(direction))
                .followedBy(SIGNAL)
                .where(new Confirms(direction, c.breakoutConfirmMs))
                .within(Duration.ofSeconds(c.breakoutWindowSec));
    }

    /**
     * book_imbalance (short shown; long mirrors it with {@code imbalance >= +book_imbalance_min}): a
     * setup tick {@code a} ({@link Triggers#isImbalanceSetup}), confirmed by the first tick {@code
     * c} with {@code ts_c >= ts_a + book_imbalance_persist_ms} that can confirm ({@link
     * Triggers#confirmsImbalance}), every tick after {@code a} up to {@code c} holding the
     * imbalance ({@link Triggers#holdsImbalance}; a tick without quotes breaks it), {@code c} within
     * {@code book_imbalance_window_sec} (10 s) of {@code a}.
     */
    public static Pattern<SymbolTick, SymbolTick> bookImbalance(Action direction, StrategyConfig c) {
        return Pattern.<SymbolTick>begin("a", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new OnTick(OnTick.Test.IMBALANCE_SETUP, direction, c))
                .notFollowedBy("break")
                .where(new OnTick(OnTick.Test.IMBALANCE_LOST, direction, c))
                .followedBy(SIGNAL)
                .where(new ImbalanceConfirms(direction, c))
                .within(Duration.ofSeconds(c.bookImbalanceWindowSec));
    }

    /** In a zone, and when {@code confirming} with the volume to confirm ({@link Triggers#confirmsVwap}). */
    static final class InZone extends SimpleCondition<SymbolTick> {
        private static final long serialVersionUID = 1L;
        private final Zone zone;
        private final StrategyConfig config;
        private final boolean confirming;

        InZone(Zone zone, StrategyConfig config, boolean confirming) {
            this.zone = zone;
            this.config = config;
            this.confirming = confirming;
        }

        @Override
        public boolean filter(SymbolTick t) {
            return Zone.of(t, config) == zone && (!confirming || Triggers.confirmsVwap(t, config));
        }
    }

    /** At or inside the break's frozen level. */
    static final class FallsBack extends IterativeCondition<SymbolTick> {
        private static final long serialVersionUID = 1L;
        private final Action direction;

        FallsBack(Action direction) {
            this.direction = direction;
        }

        @Override
        public boolean filter(SymbolTick t, Context<SymbolTick> ctx) throws Exception {
            // Flink also evaluates this while "b" is being taken, before "b" has an event.
            Iterator<SymbolTick> b = ctx.getEventsForPattern("b").iterator();
            return b.hasNext() && !Triggers.beyond(t.price(), Triggers.level(b.next(), direction), direction);
        }
    }

    /** The confirming tick: at least the delay after the break, still beyond the frozen level. */
    static final class Confirms extends IterativeCondition<SymbolTick> {
        private static final long serialVersionUID = 1L;
        private final Action direction;
        private final long confirmMs;

        Confirms(Action direction, long confirmMs) {
            this.direction = direction;
            this.confirmMs = confirmMs;
        }

        @Override
        public boolean filter(SymbolTick t, Context<SymbolTick> ctx) throws Exception {
            Iterator<SymbolTick> events = ctx.getEventsForPattern("b").iterator();
            if (!events.hasNext()) {
                return false;
            }
            SymbolTick b = events.next();
            return t.ts() >= b.ts() + confirmMs && Triggers.beyond(t.price(), Triggers.level(b, direction), direction);
        }
    }

    /** A condition on a tick alone, in a pattern's direction: one of the tests of {@link Triggers}. */
    static final class OnTick extends SimpleCondition<SymbolTick> {
        private static final long serialVersionUID = 1L;

        /** Which test. */
        enum Test {
            /** A breakout's break tick ({@link Triggers#isBreak}). */
            BREAK,
            /** A book_imbalance setup tick ({@link Triggers#isImbalanceSetup}). */
            IMBALANCE_SETUP,
            /** A tick that does not hold the imbalance (no quotes, an empty top of book, a weaker imbalance). */
            IMBALANCE_LOST
        }

        private final Test test;
        private final Action direction;
        private final StrategyConfig config;

        OnTick(Test test, Action direction, StrategyConfig config) {
            this.test = test;
            this.direction = direction;
            this.config = config;
        }

        @Override
        public boolean filter(SymbolTick t) {
            return switch (test) {
                case BREAK -> Triggers.isBreak(t, direction, config);
                case IMBALANCE_SETUP -> Triggers.isImbalanceSetup(t, direction, config);
                case IMBALANCE_LOST -> !Triggers.holdsImbalance(t, direction, config);
            };
        }
    }

    /** The confirming tick: at least the persistence after the setup, and able to confirm. */
    static final class ImbalanceConfirms extends IterativeCondition<SymbolTick> {
        private static final long serialVersionUID = 1L;
        private final Action direction;
        private final StrategyConfig config;

        ImbalanceConfirms(Action direction, StrategyConfig config) {
            this.direction = direction;
            this.config = config;
        }

        @Override
        public boolean filter(SymbolTick t, Context<SymbolTick> ctx) throws Exception {
            Iterator<SymbolTick> events = ctx.getEventsForPattern("a").iterator();
            return events.hasNext()
                    && t.ts() >= events.next().ts() + config.bookImbalancePersistMs
                    && Triggers.confirmsImbalance(t, direction, config);
        }
    }
}
