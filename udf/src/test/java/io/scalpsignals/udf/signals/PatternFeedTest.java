package io.scalpsignals.udf.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.state.SymbolState;

import org.apache.flink.cep.pattern.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The CEP patterns over all ticks find what plain loops over SPEC.md §4's text find, and the
 * reduced feeds give exactly the same candidates (SPEC.md §4, "CEP cost"), on seeded random ticks
 * that wander through every zone and across the breakout levels, and hold far fewer partial
 * matches, within the bound written in {@link PatternFeed}. The patterns run as the per-symbol
 * operator runs them ({@link KeyedNfa}).
 */
class PatternFeedTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    record Feeds(List<SymbolTick> all, List<SymbolTick> vwap, List<SymbolTick> breakout) {}

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void feedsGiveTheSameCandidatesAsAllTicks(long seed) throws Exception {
        Feeds f = feeds(SignalFixtures.randomTicks(new Random(seed), 3_000, true));

        for (Action a : Action.values()) {
            Pattern<SymbolTick, SymbolTick> vwap = Patterns.vwapRejection(a, CONFIG);
            Pattern<SymbolTick, SymbolTick> breakout = Patterns.breakout(a, CONFIG);
            List<Candidate> vwapAll = NfaRun.run(vwap, Trigger.VWAP_REJECTION, a, f.all());
            List<Candidate> breakoutAll = NfaRun.run(breakout, Trigger.BREAKOUT, a, f.all());

            assertThat(NfaRun.run(vwap, Trigger.VWAP_REJECTION, a, f.vwap()))
                    .as("vwap_rejection " + a)
                    .isEqualTo(vwapAll);
            assertThat(NfaRun.run(breakout, Trigger.BREAKOUT, a, f.breakout()))
                    .as("breakout " + a)
                    .isEqualTo(breakoutAll);
            assertThat(seqs(vwapAll))
                    .as("vwap_rejection " + a + " against the plain loops")
                    .isEqualTo(ReferenceTriggers.vwapRejection(f.all(), a, CONFIG).stream()
                            .map(i -> f.all().get(i).seq())
                            .toList());
            assertThat(seqs(breakoutAll))
                    .as("breakout " + a + " against the plain loops")
                    .isEqualTo(ReferenceTriggers.breakout(f.all(), a, CONFIG).stream()
                            .map(i -> f.all().get(i).seq())
                            .toList());
            assertThat(vwapAll)
                    .as("vwap_rejection " + a + " fires in this sequence")
                    .isNotEmpty();
            assertThat(breakoutAll)
                    .as("breakout " + a + " fires in this sequence")
                    .isNotEmpty();
        }
        assertThat(f.vwap().size()).isLessThan(f.all().size() / 3);
        assertThat(f.breakout().size()).isLessThan(f.all().size());
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void partialMatchesStayWithinTheBound(long seed) throws Exception {
        Feeds f = feeds(SignalFixtures.randomTicks(new Random(seed), 2_000, false));
        long vwapWindow = CONFIG.vwapRejectionWindowSec * 1000L;
        long breakoutWindow = CONFIG.breakoutWindowSec * 1000L;
        Pattern<SymbolTick, SymbolTick> vwap = Patterns.vwapRejection(Action.OPEN_LONG, CONFIG);
        Pattern<SymbolTick, SymbolTick> breakout = Patterns.breakout(Action.OPEN_LONG, CONFIG);

        int vwapAll = maxPartialMatches(vwap, f.all(), (recent, now) -> Long.MAX_VALUE);
        // 1 + A (1 + T): the start state, A fed ABOVE ticks, T fed TOUCH ticks of the window
        int vwapFed = maxPartialMatches(vwap, f.vwap(), (fed, now) -> {
            long above = count(fed, now, vwapWindow, t -> Zone.of(t, CONFIG) == Zone.ABOVE);
            long touch = count(fed, now, vwapWindow, t -> Zone.of(t, CONFIG) == Zone.TOUCH);
            return 1 + above * (1 + touch);
        });
        // 1 + the break ticks of the window
        maxPartialMatches(
                breakout,
                f.breakout(),
                (fed, now) -> 1 + count(fed, now, breakoutWindow, t -> Triggers.isBreak(t, Action.OPEN_LONG, CONFIG)));

        // measured: 8-9 against 167-181 over all ticks
        assertThat(vwapFed).isLessThan(vwapAll / 10);
    }

    private static List<Long> seqs(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::seq).toList();
    }

    private static long count(List<SymbolTick> ticks, long now, long window, Predicate<SymbolTick> p) {
        return ticks.stream().filter(t -> t.ts() > now - window && p.test(t)).count();
    }

    /** The bound on live partial matches after the given ticks, at event time {@code now}. */
    private interface Bound {
        long at(List<SymbolTick> sentSoFar, long now);
    }

    /** Runs {@code pattern} tick by tick, checks the bound after each, returns the most seen. */
    private static int maxPartialMatches(Pattern<SymbolTick, SymbolTick> pattern, List<SymbolTick> ticks, Bound bound)
            throws Exception {
        int max = 0;
        try (NfaRun run = new NfaRun(pattern, Trigger.VWAP_REJECTION, Action.OPEN_LONG)) {
            for (int i = 0; i < ticks.size(); i++) {
                SymbolTick t = ticks.get(i);
                run.send(t);
                int partial = run.partialMatches(SignalFixtures.SYMBOL);
                max = Math.max(max, partial);
                assertThat((long) partial)
                        .as("partial matches at tick " + i)
                        .isLessThanOrEqualTo(bound.at(ticks.subList(0, i + 1), t.ts()));
            }
        }
        return max;
    }

    static Feeds feeds(List<SymbolTick> all) throws Exception {
        List<SymbolTick> vwap = new ArrayList<>();
        List<SymbolTick> breakout = new ArrayList<>();
        SymbolState s = new SymbolState();
        PatternFeed.Out out = new PatternFeed.Out() {
            @Override
            public void vwap(SymbolTick t) {
                vwap.add(t);
            }

            @Override
            public void breakout(SymbolTick t) {
                breakout.add(t);
            }
        };
        for (SymbolTick t : all) {
            PatternFeed.onTick(t, s, CONFIG, out);
        }
        return new Feeds(all, vwap, breakout);
    }
}
