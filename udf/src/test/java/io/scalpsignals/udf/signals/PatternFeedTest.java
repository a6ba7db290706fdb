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
 * Flink CEP over all ticks finds what plain loops over SPEC.md §4's text find, and the reduced
 * feeds give exactly the same candidates (SPEC.md §4, "CEP cost"), on seeded random ticks that wander through every zone and across the breakout levels,
 * and hold far fewer partial matches, within the bound written in {@link PatternFeed}.
 */
class PatternFeedTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    private record Feeds(List<SymbolTick> all, List<SymbolTick> vwap, List<SymbolTick> breakout) {}

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void feedsGiveTheSameCandidatesAsAllTicks(long seed) throws Exception {
        Feeds f = feeds(randomTicks(new Random(seed), 3_000, true));

        for (Action a : Action.values()) {
            Pattern<SymbolTick, SymbolTick> vwap = Patterns.vwapRejection(a, CONFIG);
            Pattern<SymbolTick, SymbolTick> breakout = Patterns.breakout(a, CONFIG);
            List<Candidate> vwapAll = CepRun.run(vwap, Trigger.VWAP_REJECTION, a, f.all());
            List<Candidate> breakoutAll = CepRun.run(breakout, Trigger.BREAKOUT, a, f.all());

            assertThat(CepRun.run(vwap, Trigger.VWAP_REJECTION, a, f.vwap())).as("vwap_rejection " + a).isEqualTo(vwapAll);
            assertThat(CepRun.run(breakout, Trigger.BREAKOUT, a, f.breakout())).as("breakout " + a).isEqualTo(breakoutAll);
            assertThat(seqs(vwapAll)).as("vwap_rejection " + a + " against the plain loops")
                    .isEqualTo(ReferenceTriggers.vwapRejection(f.all(), a, CONFIG).stream().map(i -> f.all().get(i).seq()).toList());
            assertThat(seqs(breakoutAll)).as("breakout " + a + " against the plain loops")
                    .isEqualTo(ReferenceTriggers.breakout(f.all(), a, CONFIG).stream().map(i -> f.all().get(i).seq()).toList());
            assertThat(vwapAll).as("vwap_rejection " + a + " fires in this sequence").isNotEmpty();
            assertThat(breakoutAll).as("breakout " + a + " fires in this sequence").isNotEmpty();
        }
        assertThat(f.vwap().size()).isLessThan(f.all().size() / 3);
        assertThat(f.breakout().size()).isLessThan(f.all().size());
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void partialMatchesStayWithinTheBound(long seed) throws Exception {
        Feeds f = feeds(randomTicks(new Random(seed), 2_000, false));
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
        maxPartialMatches(breakout, f.breakout(), (fed, now) ->
                1 + count(fed, now, breakoutWindow, t -> Triggers.isBreak(t, Action.OPEN_LONG, CONFIG)));

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
    private static int maxPartialMatches(Pattern<SymbolTick, SymbolTick> pattern, List<SymbolTick> ticks, Bound bound) throws Exception {
        CepRun run = new CepRun(pattern, Trigger.VWAP_REJECTION, Action.OPEN_LONG);
        int max = 0;
        try (var h = run.harness) {
            h.open();
            for (int i = 0; i < ticks.size(); i++) {
                SymbolTick t = ticks.get(i);
                run.send(t);
                h.processWatermark(t.ts());
                int partial = run.partialMatches(SignalFixtures.SYMBOL);
                max = Math.max(max, partial);
                assertThat((long) partial).as("partial matches at tick " + i).isLessThanOrEqualTo(bound.at(ticks.subList(0, i + 1), t.ts()));
            }
        }
        return max;
    }

    private static Feeds feeds(List<SymbolTick> all) {
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

    /**
     * A symbol's ticks around a VWAP of 100 with 15 s bars whose breakout levels follow the
     * price; about 1.3 ticks/s, as in SPEC.md's measurement.
     */
    private static List<SymbolTick> randomTicks(Random r, int n, boolean equalTimestamps) {
        List<SymbolTick> out = new ArrayList<>(n);
        double[] ratios = {Double.NaN, 0.8, 1.1999, 1.2, 1.5, 2.5};
        long ts = 0;
        double price = 100.0;
        double high = 100.2;
        double low = 99.8;
        long bar = 0;
        for (int i = 0; i < n; i++) {
            ts += equalTimestamps && r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(1_500);
            if (ts / 15_000 != bar) {
                bar = ts / 15_000;
                high = Math.max(price, 100) + 0.05 + r.nextDouble() * 0.1;
                low = Math.min(price, 100) - 0.05 - r.nextDouble() * 0.1;
            }
            price += r.nextGaussian() * 0.04 + (100 - price) * 0.01;
            double vr = ratios[r.nextInt(ratios.length)];
            out.add(new SymbolTick(SignalFixtures.features(ts, price, 100.0, vr, Double.NaN, Double.NaN, Double.NaN), high, low, i, 0L));
        }
        return out;
    }
}
