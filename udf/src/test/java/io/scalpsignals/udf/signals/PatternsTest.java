package io.scalpsignals.udf.signals;

import static io.scalpsignals.udf.signals.SignalFixtures.NAN;
import static io.scalpsignals.udf.signals.SignalFixtures.levelTick;
import static io.scalpsignals.udf.signals.SignalFixtures.vwapTick;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.testing.Ticks;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The CEP patterns of SPEC.md §4 on tick sequences written here, run as the per-symbol operator
 * runs them ({@link KeyedNfa}, no watermark): where they fire (tick, direction, trigger) and the
 * near misses where they must not.
 */
class PatternsTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    private static List<Candidate> vwapLong(SymbolTick... ticks) throws Exception {
        return NfaRun.run(
                Patterns.vwapRejection(Action.OPEN_LONG, CONFIG),
                Trigger.VWAP_REJECTION,
                Action.OPEN_LONG,
                List.of(ticks));
    }

    private static List<Candidate> vwapShort(SymbolTick... ticks) throws Exception {
        return NfaRun.run(
                Patterns.vwapRejection(Action.OPEN_SHORT, CONFIG),
                Trigger.VWAP_REJECTION,
                Action.OPEN_SHORT,
                List.of(ticks));
    }

    private static List<Candidate> breakoutLong(SymbolTick... ticks) throws Exception {
        return NfaRun.run(
                Patterns.breakout(Action.OPEN_LONG, CONFIG), Trigger.BREAKOUT, Action.OPEN_LONG, List.of(ticks));
    }

    private static List<Candidate> breakoutShort(SymbolTick... ticks) throws Exception {
        return NfaRun.run(
                Patterns.breakout(Action.OPEN_SHORT, CONFIG), Trigger.BREAKOUT, Action.OPEN_SHORT, List.of(ticks));
    }

    private static long offsetOf(Candidate c) {
        return c.ts() - Ticks.T0;
    }

    // ---- vwap_rejection (VWAP 100: ABOVE >= 100.1, BELOW <= 99.9, TOUCH 99.95..100.05) ----

    @Test
    void vwapRejectionLongFiresAtTheConfirmingAboveTick() throws Exception {
        List<Candidate> c = vwapLong(
                vwapTick(0, 100.2, 1.0, 0),
                vwapTick(10_000, 100.03, 1.0, 1),
                vwapTick(15_000, 100.08, 1.0, 2), // neutral
                vwapTick(20_000, 100.25, 1.2, 3));

        assertThat(c).singleElement().satisfies(x -> {
            assertThat(offsetOf(x)).isEqualTo(20_000);
            assertThat(x.action()).isEqualTo(Action.OPEN_LONG);
            assertThat(x.trigger()).isEqualTo(Trigger.VWAP_REJECTION);
            assertThat(x.seq()).isEqualTo(3);
        });
    }

    @Test
    void vwapRejectionShortMirrors() throws Exception {
        SymbolTick[] ticks = {
            vwapTick(0, 99.8, 1.0, 0), vwapTick(10_000, 99.97, 1.0, 1), vwapTick(20_000, 99.85, 1.3, 2)
        };

        assertThat(vwapShort(ticks)).extracting(PatternsTest::offsetOf).containsExactly(20_000L);
        assertThat(vwapLong(ticks)).isEmpty();
    }

    @Test
    void aBelowTickBetweenAboveAndTouchBreaksTheLong() throws Exception {
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0),
                        vwapTick(5_000, 99.9, 1.0, 1), // BELOW at the boundary
                        vwapTick(10_000, 100.0, 1.0, 2),
                        vwapTick(20_000, 100.2, 2.0, 3)))
                .isEmpty();
        // a BELOW tick after the touch does not matter
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0),
                        vwapTick(10_000, 100.0, 1.0, 1),
                        vwapTick(15_000, 99.5, 1.0, 2),
                        vwapTick(20_000, 100.2, 2.0, 3)))
                .extracting(PatternsTest::offsetOf)
                .containsExactly(20_000L);
    }

    @Test
    void theWindowIsStrict() throws Exception {
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0), vwapTick(60_000, 100.0, 1.0, 1), vwapTick(119_999, 100.2, 1.2, 2)))
                .hasSize(1);
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0), vwapTick(60_000, 100.0, 1.0, 1), vwapTick(120_000, 100.2, 1.2, 2)))
                .isEmpty();
    }

    @Test
    void theConfirmingTickNeedsTheVolume() throws Exception {
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0),
                        vwapTick(1_000, 100.0, 1.0, 1),
                        vwapTick(2_000, 100.2, 1.1999999, 2)))
                .isEmpty();
        assertThat(vwapLong(vwapTick(0, 100.2, 1.0, 0), vwapTick(1_000, 100.0, 1.0, 1), vwapTick(2_000, 100.2, NAN, 2)))
                .isEmpty();
    }

    @Test
    void theLatestAboveTickBeforeTheTouchStartsTheWindow() throws Exception {
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0),
                        vwapTick(50_000, 100.3, 1.0, 1),
                        vwapTick(100_000, 100.0, 1.0, 2),
                        vwapTick(140_000, 100.2, 1.5, 3)))
                .extracting(PatternsTest::offsetOf)
                .containsExactly(140_000L);
    }

    @Test
    void aMatchSkipsPastItsLastTick() throws Exception {
        assertThat(vwapLong(
                        vwapTick(0, 100.2, 1.0, 0),
                        vwapTick(1_000, 100.0, 1.0, 1),
                        vwapTick(2_000, 100.2, 1.5, 2), // match
                        vwapTick(3_000, 100.2, 1.5, 3), // no touch since the match
                        vwapTick(4_000, 100.0, 1.0, 4),
                        vwapTick(5_000, 100.2, 1.5, 5))) // a = tick 3, t = tick 4
                .extracting(PatternsTest::offsetOf)
                .containsExactly(2_000L, 5_000L);
    }

    // ---- breakout (levels: high 100, low 90) ----

    @Test
    void breakoutLongIsConfirmedByTheFirstTickFiveSecondsOn() throws Exception {
        List<Candidate> c = breakoutLong(
                levelTick(0, 100.05, 100, 90, 1.5, 0), // 100 * 1.0005
                levelTick(2_000, 100.01, 100, 90, 1.0, 1),
                levelTick(4_999, 100.5, 100, 90, 1.0, 2),
                levelTick(5_000, 100.01, 100, 90, 1.0, 3),
                levelTick(6_000, 100.5, 100, 90, 1.0, 4));

        assertThat(c).singleElement().satisfies(x -> {
            assertThat(offsetOf(x)).isEqualTo(5_000);
            assertThat(x.action()).isEqualTo(Action.OPEN_LONG);
            assertThat(x.trigger()).isEqualTo(Trigger.BREAKOUT);
        });
    }

    @Test
    void breakoutShortMirrors() throws Exception {
        SymbolTick[] ticks = {levelTick(0, 89.955, 100, 90, 2.0, 0), levelTick(7_000, 89.99, 100, 90, 1.0, 1)};

        assertThat(breakoutShort(ticks)).extracting(PatternsTest::offsetOf).containsExactly(7_000L);
        assertThat(breakoutLong(ticks)).isEmpty();
    }

    @Test
    void aFallBackToTheLevelBeforeConfirmationCancels() throws Exception {
        assertThat(breakoutLong(
                        levelTick(0, 100.1, 100, 90, 1.5, 0),
                        levelTick(3_000, 100.0, 100, 90, 1.0, 1), // at the level: inside
                        levelTick(6_000, 100.5, 100, 90, 1.0, 2)))
                .isEmpty();
        // the first tick at ts_b + 5 s is itself at the level
        assertThat(breakoutLong(
                        levelTick(0, 100.1, 100, 90, 1.5, 0),
                        levelTick(5_000, 100.0, 100, 90, 1.0, 1),
                        levelTick(6_000, 100.5, 100, 90, 1.0, 2)))
                .isEmpty();
    }

    @Test
    void breakNeedsTheMarginAndTheVolume() throws Exception {
        assertThat(breakoutLong(levelTick(0, 100.0499, 100, 90, 1.5, 0), levelTick(6_000, 100.5, 100, 90, 1.0, 1)))
                .isEmpty();
        assertThat(breakoutLong(levelTick(0, 100.1, 100, 90, 1.4999, 0), levelTick(6_000, 100.5, 100, 90, 1.0, 1)))
                .isEmpty();
    }

    @Test
    void breakoutWindowIsStrict() throws Exception {
        assertThat(breakoutLong(levelTick(0, 100.1, 100, 90, 1.5, 0), levelTick(29_999, 100.5, 100, 90, 1.0, 1)))
                .hasSize(1);
        assertThat(breakoutLong(levelTick(0, 100.1, 100, 90, 1.5, 0), levelTick(30_000, 100.5, 100, 90, 1.0, 1)))
                .isEmpty();
    }

    @Test
    void nothingBreaksDuringWarmUp() throws Exception {
        assertThat(breakoutLong(levelTick(0, 100.1, NAN, NAN, 3.0, 0), levelTick(6_000, 100.5, NAN, NAN, 3.0, 1)))
                .isEmpty();
        assertThat(breakoutShort(levelTick(0, 80, NAN, NAN, 3.0, 0), levelTick(6_000, 79, NAN, NAN, 3.0, 1)))
                .isEmpty();
    }

    @Test
    void theLevelIsFrozenAtTheBreak() throws Exception {
        // a new bar raises the level in force to 101, but the match compares with 100
        assertThat(breakoutLong(levelTick(0, 100.1, 100, 90, 1.5, 0), levelTick(16_000, 100.5, 101, 90, 1.0, 1)))
                .extracting(PatternsTest::offsetOf)
                .containsExactly(16_000L);
    }

    @Test
    void restoresInTheMiddleOfAMatchOnRocksDbAndCompletesIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (NfaRun before = new NfaRun(
                Patterns.breakout(Action.OPEN_LONG, CONFIG), Trigger.BREAKOUT, Action.OPEN_LONG, true, null)) {
            before.send(levelTick(0, 100.1, 100, 90, 1.5, 0));
            before.send(levelTick(2_000, 100.2, 100, 90, 1.0, 1));
            assertThat(before.candidates()).isEmpty();
            assertThat(before.partialMatches(SignalFixtures.SYMBOL)).isEqualTo(2); // the start state and b
            snapshot = before.harness.snapshot(1L, 1L);
        }
        try (NfaRun after = new NfaRun(
                Patterns.breakout(Action.OPEN_LONG, CONFIG), Trigger.BREAKOUT, Action.OPEN_LONG, true, snapshot)) {
            after.send(levelTick(5_500, 100.3, 100, 90, 1.0, 2));

            assertThat(after.candidates()).extracting(PatternsTest::offsetOf).containsExactly(5_500L);
        }
    }
}
