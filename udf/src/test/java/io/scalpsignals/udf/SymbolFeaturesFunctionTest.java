package io.scalpsignals.udf;

import static io.scalpsignals.testing.Ticks.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.signals.Candidate;
import io.scalpsignals.udf.signals.SymbolTick;
import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The keyed operator: routing, keyed state and timers, the clear path, snapshot and restore. */
class SymbolFeaturesFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, Tick, SymbolTick> harness()
            throws Exception {
        return harness(StrategyConfig.defaults());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Tick, SymbolTick> harness(StrategyConfig config)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SymbolFeaturesFunction(config)), Tick::symbol, Types.STRING);
    }

    private static List<Candidate> candidates(KeyedOneInputStreamOperatorTestHarness<String, Tick, SymbolTick> h) {
        List<Candidate> out = new ArrayList<>();
        var emitted = h.getSideOutput(SymbolFeaturesFunction.CANDIDATES); // null when none was
        if (emitted != null) {
            emitted.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    @Test
    void momentumBurstFiresAtTheTickWithItsArrivalNumber() throws Exception {
        StrategyConfig shortWindows = StrategyConfig.defaults();
        shortWindows.volumeWindowSec = 60;
        shortWindows.historySec = 120;
        shortWindows.crashGuardWindowSec = 60;
        try (var h = harness(shortWindows)) {
            h.open();
            send(h, at(0, 100.0, 1.0));
            send(h, at(30_000, 100.0, 1.0));
            // B = 121: ref(30) is bucket 30 (100), cur = 10 per minute, base = 1 per minute
            send(h, at(121_000, 100.6, 10.0));

            assertThat(candidates(h)).singleElement().satisfies(c -> {
                assertThat(c.trigger()).isEqualTo(Trigger.MOMENTUM_BURST);
                assertThat(c.action()).isEqualTo(Action.OPEN_LONG);
                assertThat(c.seq()).isEqualTo(2);
                assertThat(c.features().volumeRatio()).isEqualTo(10.0);
                assertThat(c.features().vel30s()).isCloseTo(0.006, within(1e-12));
            });
        }
    }

    @Test
    void meanReversionFiresWhenALaterTickClosesTheBarButNotAtTheEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int bar = 0; bar < 21; bar++) {
                send(h, at(bar * 15_000L, 100.0 - bar, 1.0)); // 21 falling bars: RSI 0, %R -100
            }
            h.processWatermark(Long.MAX_VALUE); // closes bar 21 at the end of input: no candidate
            assertThat(candidates(h)).isEmpty();
        }
        try (var h = harness()) {
            h.open();
            for (int bar = 0; bar < 22; bar++) {
                send(h, at(bar * 15_000L, 100.0 - bar, 1.0));
            }
            // the tick of bar 22 closed bar 21, the first with 20 bars before it (close 80 <=
            // donchian low 81 * 1.001); the candidate has that tick's ts, price and features
            assertThat(candidates(h)).singleElement().satisfies(c -> {
                assertThat(c.trigger()).isEqualTo(Trigger.MEAN_REVERSION);
                assertThat(c.action()).isEqualTo(Action.OPEN_LONG);
                assertThat(c.ts()).isEqualTo(at(21 * 15_000L, 0, 0).ts());
                assertThat(c.features().price()).isEqualTo(79.0);
                assertThat(c.seq()).isEqualTo(21);
            });
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Tick, SymbolTick> h, Tick t)
            throws Exception {
        h.processElement(new StreamRecord<>(t, t.ts()));
    }

    @Test
    void lateTickGoesToTheLateOutputAndChangesNothing() throws Exception {
        List<SymbolTick> withLate;
        try (var h = harness()) {
            h.open();
            send(h, at(10_000, 100.0, 1.0));
            send(h, at(9_999, 50.0, 100.0)); // late: ts below the last accepted
            send(h, at(16_000, 101.0, 1.0));
            withLate = h.extractOutputValues();

            assertThat(h.getSideOutput(SymbolFeaturesFunction.LATE))
                    .extracting(StreamRecord::getValue)
                    .containsExactly(new LateTick(at(9_999, 50.0, 100.0), at(10_000, 0, 0).ts()));
        }
        List<SymbolTick> without;
        try (var h = harness()) {
            h.open();
            send(h, at(10_000, 100.0, 1.0));
            send(h, at(16_000, 101.0, 1.0));
            without = h.extractOutputValues();
        }
        assertThat(withoutArrival(withLate)).containsExactlyElementsOf(withoutArrival(without));
        assertThat(withLate.get(1).features().vel5s()).isEqualTo((101.0 - 100.0) / 100.0);
    }

    @Test
    void stateIsBoundedPerSymbolAndClearedAtTheEndOfInput() throws Exception {
        try (var h = harness()) {
            h.open();
            for (int s = 0; s < 5_000; s++) {
                send(h, at("AAA", s * 1_000L, 100.0 + s % 3, 1.0));
            }
            send(h, at("BBB", 5_000_000L, 7.0, 1.0));

            // AAA: symbol-state, buckets (one map, its size bounded as SymbolEngineTest shows)
            // and bar-history; BBB has closed no bar and no bucket yet: symbol-state only
            assertThat(h.numKeyedStateEntries()).isEqualTo(3 + 1);
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // one end-of-input timer per symbol

            h.processWatermark(Long.MAX_VALUE);

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            List<Bar> bars = new ArrayList<>();
            h.getSideOutput(SymbolFeaturesFunction.BARS).forEach(r -> bars.add(r.getValue()));
            // 5000 s of 15 s bars for AAA (334, the last closed by the end of input) and 1 for BBB
            assertThat(bars).hasSize(334 + 1);
            assertThat(bars.get(bars.size() - 1).symbol()).isEqualTo("BBB");
        }
    }

    @Test
    void restoresMidStreamOnRocksDbAndContinuesExactly() throws Exception {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ticks.add(at(i % 2 == 0 ? "AAA" : "BBB", i * 7_000L, 100.0 + (i % 13), 0.5 + i % 4));
        }
        List<SymbolTick> uninterrupted;
        try (var h = harness()) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            for (Tick t : ticks) {
                send(h, t);
            }
            uninterrupted = h.extractOutputValues();
        }

        OperatorSubtaskState snapshot;
        List<SymbolTick> resumed = new ArrayList<>();
        try (var h = harness()) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            for (Tick t : ticks.subList(0, 400)) {
                send(h, t);
            }
            resumed.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.initializeState(snapshot);
            h.open();
            for (Tick t : ticks.subList(400, ticks.size())) {
                send(h, t);
            }
            resumed.addAll(h.extractOutputValues());
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
        }

        assertThat(withoutArrival(resumed)).containsExactlyElementsOf(withoutArrival(uninterrupted));
        assertThat(uninterrupted.get(599).features().volumeRatio()).isNotNaN();
    }

    /** The ticks with their arrival time zeroed: it is each run's wall clock, for the latency metric only. */
    private static List<SymbolTick> withoutArrival(List<SymbolTick> ticks) {
        return ticks.stream().map(t -> new SymbolTick(t.features(), t.levelHigh(), t.levelLow(), t.seq(), 0L)).toList();
    }
}
