package io.scalpsignals.udf.signals;

import static io.scalpsignals.udf.signals.SignalFixtures.NAN;
import static io.scalpsignals.udf.signals.SignalFixtures.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.testing.Ticks;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate of SPEC.md §5 as a table of scenarios: candidates in (in any arrival order), the
 * outcome of each out, in event order.
 */
class SignalGateTest {

    private static final Action LONG = Action.OPEN_LONG;
    private static final Action SHORT = Action.OPEN_SHORT;

    /** A candidate with a calm tick: no crash, volume ratio 1, velocity 0, no quotes. */
    private static Candidate c(long offsetMs, long seq, Trigger trigger, Action action) {
        return c(offsetMs, seq, trigger, action, features(offsetMs, 100, 100, 1.0, 0.0, 0.0, NAN));
    }

    private static Candidate c(long offsetMs, long seq, Trigger trigger, Action action, TickFeatures f) {
        return new Candidate(trigger, action, seq, f, 0L);
    }

    /** Outcomes as "offset trigger action EMITTED|reason". */
    private static List<String> gate(StrategyConfig config, Candidate... candidates) throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SignalGate(config)), Candidate::symbol, Types.STRING)) {
            h.open();
            for (Candidate c : candidates) {
                h.processElement(new StreamRecord<>(c, c.ts()));
            }
            h.processWatermark(Long.MAX_VALUE);
            List<Object[]> outcomes = new ArrayList<>();
            for (Signal s : h.extractOutputValues()) {
                outcomes.add(new Object[] {s.ts(), s.trigger(), s.action(), "EMITTED", s});
            }
            for (StreamRecord<BlockedSignal> r : h.getSideOutput(SignalGate.BLOCKED)) {
                Signal s = r.getValue().signal();
                outcomes.add(new Object[] {s.ts(), s.trigger(), s.action(), r.getValue().reason().name(), s});
            }
            assertThat(h.numKeyedStateEntries()).isZero(); // cleared at the end of input
            outcomes.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            List<String> out = new ArrayList<>();
            for (Object[] o : outcomes) {
                out.add(((Long) o[0] - Ticks.T0) + " " + ((Trigger) o[1]).wireName() + " " + o[2] + " " + o[3]);
            }
            return out;
        }
    }

    private static List<String> gate(Candidate... candidates) throws Exception {
        return gate(StrategyConfig.defaults(), candidates);
    }

    @Test
    void crashGuard() throws Exception {
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
    void conflictingSignalsCountBlockedCandidatesToo() throws Exception {
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
    void minInterval() throws Exception {
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
    void lowConfidence() throws Exception {
        StrategyConfig strict = StrategyConfig.defaults();
        strict.minConfidence = 56;

        assertThat(gate(strict, c(0, 0, Trigger.BREAKOUT, LONG), c(100_000, 1, Trigger.MOMENTUM_BURST, LONG)))
                .containsExactly("0 breakout OPEN_LONG LOW_CONFIDENCE", "100000 momentum_burst OPEN_LONG EMITTED");
    }

    @Test
    void spreadOnlyWhenTheTickHasQuotes() throws Exception {
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
    void candidatesAtOneTickGoInTriggerOrderWhateverTheirArrival() throws Exception {
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
    void emittedSignalCarriesConfidenceRiskAndIntentId() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SignalGate(StrategyConfig.defaults())), Candidate::symbol, Types.STRING)) {
            h.open();
            TickFeatures f = features(0, 50_000.5, 50_000, 2.6, 0.0072, 0.001, NAN);
            h.processElement(new StreamRecord<>(c(0, 0, Trigger.MOMENTUM_BURST, LONG, f), f.ts()));
            h.processWatermark(Long.MAX_VALUE);

            // 60 + round(16) + round(7.2) = 83: the 70..84 row of crypto-perp
            assertThat(h.extractOutputValues()).containsExactly(new Signal(
                    IntentIds.of("BTCUSDT|momentum_burst|OPEN_LONG|" + Ticks.T0 + "|1"),
                    "BTCUSDT", LONG, Trigger.MOMENTUM_BURST, Ticks.T0, 50_000.5, 83,
                    5.0, 0.15, 0.020, 0.015, 2100, 900, 0.01, 0.005, "1", f));
        }
    }
}
