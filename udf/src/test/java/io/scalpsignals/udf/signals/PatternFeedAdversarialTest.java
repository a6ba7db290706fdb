package io.scalpsignals.udf.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The reduced feeds give exactly the candidates of the patterns over all ticks on adversarial
 * markets (SPEC.md §4, "CEP cost"): surges, price hovering on the VWAP and on a level, levels that
 * change every bar, gaps around and beyond the windows ({@link SignalFixtures#adversarialTicks}),
 * a book whose imbalance runs, balances, hovers on the thresholds or has no quotes ({@link
 * SignalFixtures#withBook(List, Random)}).
 * Its own class, apart from {@link PatternFeedTest}, so that the two longest runs of CEP over every
 * tick take a test fork each.
 */
class PatternFeedAdversarialTest {

    @Test
    void feedsGiveTheSameCandidatesAsAllTicksInAdversarialMarkets() throws Exception {
        Map<String, Integer> fired = new TreeMap<>();
        for (long seed = 41; seed <= 48; seed++) {
            Random r = new Random(seed);
            PatternFeedTest.Feeds f = PatternFeedTest.feeds(
                    SignalFixtures.withBook(SignalFixtures.adversarialTicks(r, 2_000, 0.3, 60), r));

            for (Action a : Action.values()) {
                for (Trigger trigger : PatternFeedTest.CEP_TRIGGERS) {
                    List<Candidate> all = PatternFeedTest.candidates(trigger, a, f.all());

                    assertThat(PatternFeedTest.candidates(trigger, a, f.of(trigger, a)))
                            .as(trigger + " " + a + ", seed " + seed)
                            .isEqualTo(all);
                    fired.merge(trigger + " " + a, all.size(), Integer::sum);
                }
            }
        }
        assertThat(fired)
                .as("candidates over the eight markets")
                .hasSize(6)
                .allSatisfy((pattern, n) -> assertThat(n).as(pattern).isGreaterThan(5));
    }
}
