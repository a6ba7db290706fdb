package io.scalpsignals.udf.signals;

import static io.scalpsignals.udf.signals.SignalFixtures.NAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.triggers.BookImbalanceFeed;
import io.scalpsignals.udf.triggers.BreakoutFeed;
import io.scalpsignals.udf.triggers.PatternFeed;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.VwapFeed;

import org.apache.flink.cep.pattern.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The CEP patterns over all ticks find what plain loops over SPEC.md §4's text find, and the
 * reduced feeds ({@link VwapFeed}, {@link BreakoutFeed}, {@link BookImbalanceFeed}) give exactly the
 * candidates of the patterns over all ticks (SPEC.md §4, "CEP cost"): on seeded random ticks that
 * wander through every zone, across the breakout levels and through runs of book imbalance
 * (adversarial markets: {@link
 * PatternFeedAdversarialTest}).
 * Through the feeds a pattern's partial matches stay within the feeds' bounds on a 30-minute
 * surge, where over all ticks they grow with the rate. The patterns run as the per-symbol
 * operator runs them ({@link KeyedNfa}).
 */
class PatternFeedTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    /** {@link VwapFeed}'s bound: the start state, the pair's ABOVE and a previous confirming tick. */
    private static final int VWAP_BOUND = 3;

    /** {@link BreakoutFeed}'s bound {@code 1 + R (1 + R)} with R = 2 levels in 5 s of 15-s bars. */
    private static final int BREAKOUT_BOUND = 7;

    /** {@link BookImbalanceFeed}'s bound: the start state and the setup it gives just before a match. */
    private static final int BOOK_BOUND = 2;

    /** The three CEP triggers. */
    static final List<Trigger> CEP_TRIGGERS = List.of(Trigger.VWAP_REJECTION, Trigger.BREAKOUT, Trigger.BOOK_IMBALANCE);

    /** The ticks each pattern is given, indexed by {@link Action#ordinal()}. */
    record Feeds(
            List<SymbolTick> all,
            List<List<SymbolTick>> vwap,
            List<List<SymbolTick>> breakout,
            List<List<SymbolTick>> book) {
        List<SymbolTick> of(Trigger trigger, Action a) {
            return (switch (trigger) {
                        case VWAP_REJECTION -> vwap;
                        case BREAKOUT -> breakout;
                        case BOOK_IMBALANCE -> book;
                        default -> throw new IllegalArgumentException(trigger + " is no CEP pattern");
                    })
                    .get(a.ordinal());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void feedsGiveTheSameCandidatesAsAllTicks(long seed) throws Exception {
        Random r = new Random(seed);
        Feeds f = feeds(SignalFixtures.withBook(SignalFixtures.randomTicks(r, 3_000, true), r));

        for (Action a : Action.values()) {
            for (Trigger trigger : CEP_TRIGGERS) {
                List<Candidate> all = candidates(trigger, a, f.all());
                List<Integer> reference = reference(trigger, f.all(), a);

                assertThat(candidates(trigger, a, f.of(trigger, a)))
                        .as(trigger + " " + a)
                        .isEqualTo(all);
                assertThat(seqs(all))
                        .as(trigger + " " + a + " against the plain loops")
                        .isEqualTo(reference.stream()
                                .map(i -> f.all().get(i).seq())
                                .toList());
                assertThat(all)
                        .as(trigger + " " + a + " fires in this sequence")
                        .isNotEmpty();
                assertThat(f.of(trigger, a).size()).isLessThan(f.all().size() / 10);
            }
        }
    }

    private static List<Integer> reference(Trigger trigger, List<SymbolTick> ticks, Action a) {
        return switch (trigger) {
            case VWAP_REJECTION -> ReferenceTriggers.vwapRejection(ticks, a, CONFIG);
            case BREAKOUT -> ReferenceTriggers.breakout(ticks, a, CONFIG);
            case BOOK_IMBALANCE -> ReferenceTriggers.bookImbalance(ticks, a, CONFIG);
            default -> throw new IllegalArgumentException(trigger + " is no CEP pattern");
        };
    }

    @Test
    void partialMatchesStayBoundedOnAThirtyMinuteSurge() throws Exception {
        Random r = new Random(7);
        List<SymbolTick> ticks = SignalFixtures.withBook(SignalFixtures.adversarialTicks(r, 150_000, 0.8, 20), r);
        assertThat(ticks.get(ticks.size() - 1).ts() - ticks.get(0).ts()).isGreaterThan(30 * 60_000L);
        Feeds f = feeds(ticks);

        for (Action a : Action.values()) {
            for (Trigger trigger : CEP_TRIGGERS) {
                List<SymbolTick> fed = f.of(trigger, a);
                int bound = switch (trigger) {
                    case VWAP_REJECTION -> VWAP_BOUND;
                    case BREAKOUT -> BREAKOUT_BOUND;
                    default -> BOOK_BOUND;
                };
                int max = maxPartialMatches(pattern(trigger, a), fed);
                // book_imbalance: a confirming tick every 3 s, so that the surge's runs match
                List<SymbolTick> surge =
                        trigger == Trigger.BOOK_IMBALANCE ? bookSurge(a, 50, 20, 150) : steadySurge(a, 50, 20);
                int overAll = maxPartialMatches(pattern(trigger, a), surge);
                int overFeed =
                        maxPartialMatches(pattern(trigger, a), feeds(surge).of(trigger, a));

                assertThat(max).as(trigger + " " + a + " through the feed").isLessThanOrEqualTo(bound);
                assertThat(overAll)
                        .as(trigger + " " + a + " over all ticks of a steady 20-s surge at 50 ticks/s")
                        .isGreaterThan(20 * bound);
                assertThat(overFeed)
                        .as(trigger + " " + a + " through the feed, the same surge")
                        .isLessThanOrEqualTo(bound);
                if (trigger == Trigger.BOOK_IMBALANCE) { // its surge matches every 3 s
                    assertThat(candidates(trigger, a, feeds(surge).of(trigger, a)))
                            .as(trigger + " " + a + " through the feed finds the surge's matches")
                            .hasSize(6)
                            .isEqualTo(candidates(trigger, a, surge));
                }
                assertThat(fed.size()).as(trigger + " " + a + " ticks given").isLessThan(ticks.size() / 20);
            }
        }
    }

    @Test
    void aBreakAfterAGapIsConfirmedByTheLatestBreakOfItsRun() throws Exception {
        // b1 at 0 leaves the 30 s window before the next tick; b2 at 4 s is still in it at 31 s
        List<SymbolTick> ticks = List.of(
                SignalFixtures.levelTick(0, 100.1, 100.0, 99.0, 2.5, 0),
                SignalFixtures.levelTick(2_000, 100.1, 100.0, 99.0, 2.5, 1),
                SignalFixtures.levelTick(4_000, 100.1, 100.0, 99.0, 2.5, 2),
                SignalFixtures.levelTick(4_500, 100.02, 100.0, 99.0, 0.8, 3),
                SignalFixtures.levelTick(31_000, 100.2, 100.0, 99.0, 0.8, 4));
        Feeds f = feeds(ticks);

        assertThat(seqs(candidates(Trigger.BREAKOUT, Action.OPEN_LONG, f.all())))
                .containsExactly(4L);
        assertThat(f.of(Trigger.BREAKOUT, Action.OPEN_LONG))
                .extracting(SymbolTick::seq)
                .as("the first break, the latest held back until the decision, the decision")
                .containsExactly(0L, 2L, 4L);
        assertThat(seqs(candidates(Trigger.BREAKOUT, Action.OPEN_LONG, f.of(Trigger.BREAKOUT, Action.OPEN_LONG))))
                .containsExactly(4L);
    }

    @Test
    void onlyTheLatestAboveBeforeATouchAndTheConfirmingTickReachTheVwapPattern() throws Exception {
        List<SymbolTick> ticks = List.of(
                SignalFixtures.vwapTick(0, 100.2, 0.8, 0), // ABOVE
                SignalFixtures.vwapTick(1_000, 100.15, 0.8, 1), // ABOVE, the latest before the TOUCH
                SignalFixtures.vwapTick(2_000, 100.0, 0.8, 2), // TOUCH
                SignalFixtures.vwapTick(3_000, 100.03, 0.8, 3), // NEUTRAL
                SignalFixtures.vwapTick(4_000, 99.8, 2.5, 4), // BELOW: after the TOUCH, it changes nothing
                SignalFixtures.vwapTick(5_000, 100.2, 1.5, 5)); // ABOVE with volume: the signal
        Feeds f = feeds(ticks);

        assertThat(f.of(Trigger.VWAP_REJECTION, Action.OPEN_LONG))
                .extracting(SymbolTick::seq)
                .containsExactly(1L, 2L, 5L);
        assertThat(seqs(candidates(
                        Trigger.VWAP_REJECTION, Action.OPEN_LONG, f.of(Trigger.VWAP_REJECTION, Action.OPEN_LONG))))
                .containsExactly(5L)
                .isEqualTo(seqs(candidates(Trigger.VWAP_REJECTION, Action.OPEN_LONG, f.all())));
    }

    @Test
    void aBookImbalanceRunReachesThePatternAsAChainOfSetups() throws Exception {
        // window 10 s, persist 2 s: setups at most 8 s apart cover what every setup between them covers
        List<SymbolTick> ticks = List.of(
                SignalFixtures.bookTick(0, -0.7, 0.0002, 0.8, 0), // the run's first setup: the chain's first
                SignalFixtures.bookTick(5_000, -0.8, 0.0002, 0.8, 1), // within 8 s of it: held back
                SignalFixtures.bookTick(7_000, -0.65, 0.0006, 0.8, 2), // holds the run, spread too wide to set up
                SignalFixtures.bookTick(
                        9_000, -0.9, 0.0002, 0.8, 3), // beyond 8 s of seq 0: seq 1 joins the chain, this one is held
                SignalFixtures.bookTick(12_000, -0.6, 0.0005, 2.5, 4), // 12 s after seq 0, 7 s after seq 1: the signal
                SignalFixtures.bookTick(13_000, -0.95, 0.0002, 0.8, 5), // a new run's setup after the match
                SignalFixtures.bookTick(14_000, -0.5999, 0.0002, 2.5, 6), // breaks that run
                SignalFixtures.bookTick(
                        15_500, -0.9, 0.0002, 2.5, 7)); // 2.5 s after seq 5, but after the break: no signal
        Feeds f = feeds(ticks);

        assertThat(seqs(candidates(Trigger.BOOK_IMBALANCE, Action.OPEN_SHORT, f.all())))
                .containsExactly(4L)
                .isEqualTo(ReferenceTriggers.bookImbalance(ticks, Action.OPEN_SHORT, CONFIG).stream()
                        .map(Integer::longValue)
                        .toList());
        assertThat(f.of(Trigger.BOOK_IMBALANCE, Action.OPEN_SHORT))
                .extracting(SymbolTick::seq)
                .as("the chain's setup that covers the signal, and the signal")
                .containsExactly(1L, 4L);
        assertThat(seqs(candidates(
                        Trigger.BOOK_IMBALANCE, Action.OPEN_SHORT, f.of(Trigger.BOOK_IMBALANCE, Action.OPEN_SHORT))))
                .containsExactly(4L);
        assertThat(f.of(Trigger.BOOK_IMBALANCE, Action.OPEN_LONG))
                .as("no long setup")
                .isEmpty();
    }

    @Test
    void aTickWithoutQuotesBreaksABookImbalanceRun() throws Exception {
        List<SymbolTick> ticks = List.of(
                SignalFixtures.bookTick(0, 0.7, 0.0002, 0.8, 0),
                SignalFixtures.bookTick(1_000, NAN, NAN, 0.8, 1),
                SignalFixtures.bookTick(3_000, 0.9, 0.0002, 2.5, 2),
                SignalFixtures.bookTick(5_000, 0.9, 0.0002, 2.5, 3));

        assertThat(seqs(candidates(
                        Trigger.BOOK_IMBALANCE,
                        Action.OPEN_LONG,
                        feeds(ticks).of(Trigger.BOOK_IMBALANCE, Action.OPEN_LONG))))
                .as("seq 2 starts a new run; seq 3 is 2 s after it")
                .containsExactly(3L);
        assertThat(seqs(candidates(Trigger.BOOK_IMBALANCE, Action.OPEN_LONG, ticks)))
                .containsExactly(3L);
    }

    /**
     * {@code seconds} of {@code perSecond} ticks of a book heavy on {@code direction}'s side
     * (imbalance 0.9) with a tight spread: every tick a book_imbalance setup; one tick in {@code
     * confirmEvery} has the volume to confirm (ratio 2.5, else 1.2).
     */
    private static List<SymbolTick> bookSurge(Action direction, int perSecond, int seconds, int confirmEvery) {
        int n = perSecond * seconds;
        List<SymbolTick> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double ratio = i % confirmEvery == confirmEvery - 1 ? 2.5 : 1.2;
            out.add(SignalFixtures.bookTick(
                    i * 1000L / perSecond, direction == Action.OPEN_LONG ? 0.9 : -0.9, 0.0002, ratio, i));
        }
        return out;
    }

    @Test
    void aBookImbalanceFeedKeepsOneSetupOfARunPerWindowMinusPersistenceAndTheHeldOne() throws Exception {
        // a run that never confirms at 50 ticks/s for 60 s: every tick a setup
        BookImbalanceFeed feed = new BookImbalanceFeed();
        List<SymbolTick> given = new ArrayList<>();
        PatternFeed.Out out = new PatternFeed.Out() {
            @Override
            public void vwap(Action direction, SymbolTick t) {}

            @Override
            public void breakout(Action direction, SymbolTick t) {}

            @Override
            public void bookImbalance(Action direction, SymbolTick t) {
                given.add(t);
            }
        };
        int most = 0;
        for (SymbolTick t : bookSurge(Action.OPEN_SHORT, 50, 60, Integer.MAX_VALUE)) {
            feed.onTick(t, Action.OPEN_SHORT, CONFIG, out);
            most = Math.max(most, feed.chain.size());
        }

        // steady setups: the chain keeps one every 8 s (window - persist), so two within 10 s, under
        // the bound 2 ceil(10 s / (10 s - 2 s)) = 4 of uneven ones
        assertThat(most).isEqualTo(2);
        assertThat(feed.held).isNotNull();
        assertThat(given).as("nothing confirms: the pattern is given nothing").isEmpty();
    }

    /**
     * {@code seconds} of {@code perSecond} ticks moving steadily away from a VWAP of 100 in
     * {@code direction} from 0.2 % to 1.2 %, beyond a breakout level of 100.1 (99.9), on high
     * volume: every tick an entry-zone tick of vwap_rejection and a break.
     */
    private static List<SymbolTick> steadySurge(Action direction, int perSecond, int seconds) {
        int n = perSecond * seconds;
        List<SymbolTick> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double move = 0.002 + 0.01 * i / n;
            double price = 100 * (1 + (direction == Action.OPEN_LONG ? move : -move));
            TickFeatures f = SignalFixtures.features(i * 1000L / perSecond, price, 100.0, 2.5, NAN, NAN, NAN);
            out.add(new SymbolTick(f, 100.1, 99.9, i));
        }
        return out;
    }

    /** The candidates of the pattern of {@code trigger} and {@code a} over {@code ticks}. */
    static List<Candidate> candidates(Trigger trigger, Action a, List<SymbolTick> ticks) throws Exception {
        return NfaRun.run(pattern(trigger, a), trigger, a, ticks);
    }

    static Pattern<SymbolTick, SymbolTick> pattern(Trigger trigger, Action a) {
        return switch (trigger) {
            case VWAP_REJECTION -> Patterns.vwapRejection(a, CONFIG);
            case BREAKOUT -> Patterns.breakout(a, CONFIG);
            case BOOK_IMBALANCE -> Patterns.bookImbalance(a, CONFIG);
            default -> throw new IllegalArgumentException(trigger + " is no CEP pattern");
        };
    }

    private static List<Long> seqs(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::seq).toList();
    }

    /** Runs {@code pattern} tick by tick and returns the most partial matches it held after a tick. */
    private static int maxPartialMatches(Pattern<SymbolTick, SymbolTick> pattern, List<SymbolTick> ticks)
            throws Exception {
        int max = 0;
        try (NfaRun run = new NfaRun(pattern, Trigger.VWAP_REJECTION, Action.OPEN_LONG)) {
            for (SymbolTick t : ticks) {
                run.send(t);
                max = Math.max(max, run.partialMatches(SignalFixtures.SYMBOL));
            }
        }
        return max;
    }

    /** The ticks each pattern is given; each pattern's in arrival order. */
    static Feeds feeds(List<SymbolTick> all) throws Exception {
        List<List<SymbolTick>> vwap = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<SymbolTick>> breakout = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<SymbolTick>> book = List.of(new ArrayList<>(), new ArrayList<>());
        PatternFeed.State s = new PatternFeed.State();
        PatternFeed.Out out = new PatternFeed.Out() {
            @Override
            public void vwap(Action direction, SymbolTick t) {
                add(vwap.get(direction.ordinal()), t);
            }

            @Override
            public void breakout(Action direction, SymbolTick t) {
                add(breakout.get(direction.ordinal()), t);
            }

            @Override
            public void bookImbalance(Action direction, SymbolTick t) {
                add(book.get(direction.ordinal()), t);
            }

            private void add(List<SymbolTick> fed, SymbolTick t) {
                assertThat(fed.isEmpty() || fed.get(fed.size() - 1).seq() < t.seq())
                        .as("given in arrival order, once")
                        .isTrue();
                fed.add(t);
            }
        };
        for (SymbolTick t : all) {
            PatternFeed.onTick(t, s, CONFIG, out);
        }
        return new Feeds(all, vwap, breakout, book);
    }
}
