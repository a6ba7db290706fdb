package io.scalpsignals.udf.signals;

import static io.scalpsignals.udf.signals.SignalFixtures.NAN;
import static io.scalpsignals.udf.signals.SignalFixtures.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.testing.Ticks;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.state.GateState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate of SPEC.md §5 as a table of scenarios: a symbol's candidates in (in the order of their
 * ticks; at one tick in any order, which {@link Gate#AT_ONE_TICK} sorts as the per-symbol
 * operator does), the outcome of each out.
 */
class GateTest {

    private static final Action LONG = Action.OPEN_LONG;
    private static final Action SHORT = Action.OPEN_SHORT;

    /** A candidate with a calm tick: no crash, volume ratio 1, velocity 0, no quotes. */
    private static Candidate c(long offsetMs, long seq, Trigger trigger, Action action) {
        return c(offsetMs, seq, trigger, action, features(offsetMs, 100, 100, 1.0, 0.0, 0.0, NAN));
    }

    private static Candidate c(long offsetMs, long seq, Trigger trigger, Action action, TickFeatures f) {
        return new Candidate(trigger, action, seq, f);
    }

    /** Outcomes as "offset trigger action EMITTED|reason", in the order decided. */
    private static List<String> gate(StrategyConfig config, Candidate... candidates) {
        List<Candidate> inOrder = new ArrayList<>(List.of(candidates));
        inOrder.sort(Gate.AT_ONE_TICK);
        Gate gate = new Gate(config);
        GateState state = new GateState();
        List<String> out = new ArrayList<>();
        for (Candidate c : inOrder) {
            Gate.Decision d = gate.decide(c, state);
            Signal s = d.signal();
            out.add((s.ts() - Ticks.T0) + " " + s.trigger().wireName() + " " + s.action() + " "
                    + (d.passed() ? "EMITTED" : d.reason().name()));
        }
        return out;
    }

    private static List<String> gate(Candidate... candidates) {
        return gate(StrategyConfig.defaults(), candidates);
    }

    @Test
    void crashGuard() {
        assertThat(gate(
                        c(0, 0, Trigger.BREAKOUT, LONG, features(0, 100, 100, 1, 0, -0.006, NAN)),
                        c(1_000_000, 1, Trigger.BREAKOUT, LONG, features(1_000_000, 100, 100, 1, 0, -0.0059, NAN)),
                        c(2_000_000, 2, Trigger.BREAKOUT, SHORT, features(2_000_000, 100, 100, 1, 0, 0.006, NAN))))
                .containsExactly(
                        "0 breakout OPEN_LONG CRASH_GUARD",
                        "1000000 breakout OPEN_LONG EMITTED",
                        "2000000 breakout OPEN_SHORT CRASH_GUARD");
    }

    @Test
    void conflictingSignalsCountBlockedCandidatesToo() {
        assertThat(gate(
                        c(0, 0, Trigger.MOMENTUM_BURST, SHORT, features(0, 100, 100, 1, 0, 0.01, NAN)),
                        c(30_000, 1, Trigger.MOMENTUM_BURST, LONG),
                        c(60_001, 2, Trigger.MOMENTUM_BURST, SHORT)))
                .containsExactly(
                        "0 momentum_burst OPEN_SHORT CRASH_GUARD",
                        "30000 momentum_burst OPEN_LONG CONFLICTING_SIGNALS",
                        "60001 momentum_burst OPEN_SHORT EMITTED");
    }

    @Test
    void minInterval() {
        assertThat(gate(
                        c(0, 0, Trigger.BREAKOUT, LONG),
                        c(59_999, 1, Trigger.BREAKOUT, LONG),
                        c(60_000, 2, Trigger.VWAP_REJECTION, LONG)))
                .containsExactly(
                        "0 breakout OPEN_LONG EMITTED",
                        "59999 breakout OPEN_LONG MIN_INTERVAL",
                        "60000 vwap_rejection OPEN_LONG EMITTED");
    }

    @Test
    void lowConfidence() {
        StrategyConfig strict = StrategyConfig.defaults();
        strict.minConfidence = 56;

        assertThat(gate(strict, c(0, 0, Trigger.BREAKOUT, LONG), c(100_000, 1, Trigger.MOMENTUM_BURST, LONG)))
                .containsExactly("0 breakout OPEN_LONG LOW_CONFIDENCE", "100000 momentum_burst OPEN_LONG EMITTED");
    }

    @Test
    void spreadOnlyWhenTheTickHasQuotes() {
        assertThat(gate(
                        c(0, 0, Trigger.BREAKOUT, LONG, features(0, 100, 100, 1, 0, 0, 0.00051)),
                        c(100_000, 1, Trigger.BREAKOUT, LONG, features(100_000, 100, 100, 1, 0, 0, 0.0005)),
                        c(200_000, 2, Trigger.BREAKOUT, LONG, features(200_000, 100, 100, 1, 0, 0, NAN))))
                .containsExactly(
                        "0 breakout OPEN_LONG SPREAD",
                        "100000 breakout OPEN_LONG EMITTED",
                        "200000 breakout OPEN_LONG EMITTED");
    }

    @Test
    void candidatesAtOneTickGoInTriggerOrderWhateverTheirArrival() {
        assertThat(gate(
                        c(5_000, 7, Trigger.MEAN_REVERSION, LONG),
                        c(5_000, 7, Trigger.BREAKOUT, LONG),
                        c(5_000, 7, Trigger.MOMENTUM_BURST, LONG),
                        c(5_000, 6, Trigger.VWAP_REJECTION, LONG)))
                .containsExactly(
                        "5000 vwap_rejection OPEN_LONG EMITTED", // earlier tick at the same ts
                        "5000 momentum_burst OPEN_LONG MIN_INTERVAL",
                        "5000 breakout OPEN_LONG MIN_INTERVAL",
                        "5000 mean_reversion OPEN_LONG MIN_INTERVAL");
    }

    @Test
    void emittedSignalCarriesConfidenceRiskAndIntentId() {
        TickFeatures f = features(0, 50_000.5, 50_000, 2.6, 0.0072, 0.001, NAN);

        Gate.Decision d =
                new Gate(StrategyConfig.defaults()).decide(c(0, 0, Trigger.MOMENTUM_BURST, LONG, f), new GateState());

        // 60 + round(16) + round(7.2) = 83: the 70..84 row of crypto-perp
        assertThat(d.passed()).isTrue();
        assertThat(d.signal())
                .isEqualTo(new Signal(
                        IntentIds.of("BTCUSDT|momentum_burst|OPEN_LONG|" + Ticks.T0 + "|1"),
                        "BTCUSDT",
                        LONG,
                        Trigger.MOMENTUM_BURST,
                        Ticks.T0,
                        50_000.5,
                        83,
                        5.0,
                        0.15,
                        0.020,
                        0.015,
                        2100,
                        900,
                        0.01,
                        0.005,
                        "1",
                        f));
    }

    @Test
    void aSignalCarriesItsTriggersOwnRiskKeys() {
        StrategyConfig config = StrategyConfig.defaults();
        config.tpPctBreakout = 0.006;
        config.sizePctBreakout = 0.02;
        config.validate();
        Gate gate = new Gate(config);
        GateState state = new GateState();

        Signal breakout = gate.decide(c(0, 0, Trigger.BREAKOUT, LONG), state).signal();
        Signal burst =
                gate.decide(c(100_000, 1, Trigger.MOMENTUM_BURST, LONG), state).signal();

        assertThat(breakout.tpPct()).isEqualTo(0.006);
        assertThat(breakout.sizePct()).isEqualTo(0.02);
        assertThat(breakout.slPct()).isEqualTo(0.0125); // confidence 55: the profile's low band
        assertThat(burst.tpPct()).isEqualTo(0.0125);
        assertThat(burst.sizePct()).isEqualTo(0.15);
    }
}
