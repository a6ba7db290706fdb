package io.scalpsignals.udf;

import static io.scalpsignals.testing.Ticks.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.BlockReason;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.LateTick;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.signals.ReadTick;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-symbol operator: every output of a tick while the tick is processed (no watermark is
 * ever sent here, but the final one of a bounded input), routing, keyed state and timers, the clear
 * path, snapshot and restore on RocksDB in the middle of a CEP match.
 */
class SymbolSignalsFunctionTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, ReadTick, Signal> harness(StrategyConfig config)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SymbolSignalsFunction(config)), ReadTick::symbol, Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ReadTick, Signal> harness() throws Exception {
        return harness(StrategyConfig.defaults());
    }

    /** The defaults with a 120-s volume history, so the volume ratio is defined two minutes in. */
    private static StrategyConfig shortWindows() {
        StrategyConfig c = StrategyConfig.defaults();
        c.volumeWindowSec = 60;
        c.historySec = 120;
        c.crashGuardWindowSec = 60;
        return c.validate();
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, ReadTick, Signal> h, Tick t)
            throws Exception {
        h.processElement(new StreamRecord<>(new ReadTick(t, 0L), t.ts()));
    }

    private static <T> List<T> side(
            KeyedOneInputStreamOperatorTestHarness<String, ReadTick, Signal> h, OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        var emitted = h.getSideOutput(tag); // null when nothing was
        if (emitted != null) {
            emitted.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    /**
     * 22 bars of 15 s at 100 (a tick every 5 s, size 1), so the breakout levels are 100, then a
     * break at 100.2 with ten times the size ({@code volume_ratio} 1.75) and, 5 s later, a
     * confirming tick at 100.1.
     */
    private static List<Tick> breakoutLong() {
        List<Tick> ticks = new ArrayList<>();
        for (long ts = 0; ts < 330_000; ts += 5_000) {
            ticks.add(at(ts, 100.0, 1.0));
        }
        ticks.add(at(330_000, 100.2, 10.0));
        ticks.add(at(335_000, 100.1, 1.0));
        return ticks;
    }

    @Test
    void aBreakoutSignalLeavesWhileItsConfirmingTickIsProcessed() throws Exception {
        List<Tick> ticks = breakoutLong();
        try (var h = harness(shortWindows())) {
            h.open();
            for (Tick t : ticks.subList(0, ticks.size() - 1)) {
                send(h, t);
            }
            assertThat(h.extractOutputValues()).isEmpty();

            send(h, ticks.get(ticks.size() - 1));

            assertThat(h.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.trigger()).isEqualTo(Trigger.BREAKOUT);
                assertThat(s.action()).isEqualTo(Action.OPEN_LONG);
                assertThat(s.ts()).isEqualTo(at(335_000, 0, 0).ts());
                assertThat(s.price()).isEqualTo(100.1);
                assertThat(s.features())
                        .isEqualTo(side(h, SymbolSignalsFunction.FEATURES).get(ticks.size() - 1));
            });
            assertThat(side(h, SymbolSignalsFunction.BLOCKED)).isEmpty();
            assertThat(h.numEventTimeTimers()).isEqualTo(1); // only the end-of-input timer: nothing waits
        }
    }

    @Test
    void momentumBurstIsDecidedAtItsTick() throws Exception {
        try (var h = harness(shortWindows())) {
            h.open();
            send(h, at(0, 100.0, 1.0));
            send(h, at(30_000, 100.0, 1.0));
            // B = 121: ref(30) is bucket 30 (100), cur = 10 per minute, base = 1 per minute
            send(h, at(121_000, 100.6, 10.0));

            assertThat(h.extractOutputValues()).singleElement().satisfies(s -> {
                assertThat(s.trigger()).isEqualTo(Trigger.MOMENTUM_BURST);
                assertThat(s.action()).isEqualTo(Action.OPEN_LONG);
                assertThat(s.ts()).isEqualTo(at(121_000, 0, 0).ts());
                assertThat(s.features().volumeRatio()).isEqualTo(10.0);
                assertThat(s.confidence()).isEqualTo(60 + 20 + 6);
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
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(side(h, SymbolSignalsFunction.BLOCKED)).isEmpty();
        }
        try (var h = harness()) {
            h.open();
            for (int bar = 0; bar < 22; bar++) {
                send(h, at(bar * 15_000L, 100.0 - bar, 1.0));
            }
            // the tick of bar 22 closed bar 21, the first with 20 bars before it (close 80 <=
            // donchian low 81 * 1.001); the candidate has that tick's ts, price and features, and
            // the crash guard blocks it (ret_5m = 79 / 100 - 1)
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(side(h, SymbolSignalsFunction.BLOCKED)).singleElement().satisfies(b -> {
                assertThat(b.reason()).isEqualTo(BlockReason.CRASH_GUARD);
                assertThat(b.signal().trigger()).isEqualTo(Trigger.MEAN_REVERSION);
                assertThat(b.signal().action()).isEqualTo(Action.OPEN_LONG);
                assertThat(b.signal().ts()).isEqualTo(at(21 * 15_000L, 0, 0).ts());
                assertThat(b.signal().price()).isEqualTo(79.0);
            });
        }
    }

    @Test
    void lateTickGoesToTheLateOutputAndChangesNothing() throws Exception {
        List<TickFeatures> withLate;
        try (var h = harness()) {
            h.open();
            send(h, at(10_000, 100.0, 1.0));
            send(h, at(9_999, 50.0, 100.0)); // late: ts below the last accepted
            send(h, at(16_000, 101.0, 1.0));
            withLate = side(h, SymbolSignalsFunction.FEATURES);

            assertThat(side(h, SymbolSignalsFunction.LATE))
                    .containsExactly(new LateTick(
                            at(9_999, 50.0, 100.0), at(10_000, 0, 0).ts()));
        }
        List<TickFeatures> without;
        try (var h = harness()) {
            h.open();
            send(h, at(10_000, 100.0, 1.0));
            send(h, at(16_000, 101.0, 1.0));
            without = side(h, SymbolSignalsFunction.FEATURES);
        }
        assertThat(withLate).containsExactlyElementsOf(without);
        assertThat(withLate.get(1).vel5s()).isEqualTo((101.0 - 100.0) / 100.0);
    }

    @Test
    void stateIsClearedAtTheEndOfInput() throws Exception {
        try (var h = harness(shortWindows())) {
            h.open();
            for (int s = 0; s < 5_000; s++) {
                send(h, at("AAA", s * 1_000L, 100.0 + s % 3, 1.0));
            }
            for (Tick t : breakoutLong()) {
                send(h, t); // BTCUSDT: CEP partial matches in state too
            }
            assertThat(h.numKeyedStateEntries()).isGreaterThan(2 * 3);
            assertThat(h.numEventTimeTimers()).isEqualTo(2); // one end-of-input timer per symbol

            h.processWatermark(Long.MAX_VALUE);

            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            List<Bar> bars = side(h, SymbolSignalsFunction.BARS);
            // 5000 s of 15 s bars for AAA (334, the last closed by the end of input) and 23 for BTCUSDT
            assertThat(bars).hasSize(334 + 23);
            assertThat(bars.get(bars.size() - 1).symbol()).isEqualTo("BTCUSDT");
        }
    }

    @Test
    void restoresInTheMiddleOfABreakoutOnRocksDbAndContinuesExactly() throws Exception {
        List<Tick> ticks = new ArrayList<>();
        for (Tick t : breakoutLong()) {
            ticks.add(t);
            ticks.add(at("AAA", t.ts() - at(0, 0, 0).ts() + 1, 50.0 + ticks.size() % 7, 0.5));
        }
        int cut = ticks.size() - 2; // after the break tick, before its confirmation
        Map<String, List<Object>> uninterrupted;
        try (var h = harness(shortWindows())) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            for (Tick t : ticks) {
                send(h, t);
            }
            uninterrupted = outputs(h);
        }

        OperatorSubtaskState snapshot;
        Map<String, List<Object>> resumed = new TreeMap<>();
        try (var h = harness(shortWindows())) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            for (Tick t : ticks.subList(0, cut)) {
                send(h, t);
            }
            outputs(h)
                    .forEach((name, records) -> resumed.computeIfAbsent(name, n -> new ArrayList<>())
                            .addAll(records));
            snapshot = h.snapshot(1L, 1L);
        }
        assertThat(keyedStateNames(snapshot))
                .as("one RocksDB column family per state, each flushed by every checkpoint while the task waits")
                .containsExactlyInAnyOrder(
                        "symbol-state",
                        "bucket-chunks",
                        "bar-history",
                        "cep",
                        "_timer_state/event_user-timers",
                        "_timer_state/processing_user-timers");
        try (var h = harness(shortWindows())) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.initializeState(snapshot);
            h.open();
            for (Tick t : ticks.subList(cut, ticks.size())) {
                send(h, t);
            }
            outputs(h)
                    .forEach((name, records) -> resumed.computeIfAbsent(name, n -> new ArrayList<>())
                            .addAll(records));
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
        }

        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(uninterrupted.get("signals"))
                .singleElement()
                .extracting(o -> ((Signal) o).trigger())
                .isEqualTo(Trigger.BREAKOUT);
        assertThat(uninterrupted.get("features")).hasSize(ticks.size());
    }

    /** The names of the keyed states (and timer queues) in a RocksDB snapshot of the operator. */
    private static List<String> keyedStateNames(OperatorSubtaskState snapshot) throws IOException {
        KeyedStateHandle handle = snapshot.getManagedKeyedState().iterator().next();
        try (InputStream in =
                ((IncrementalKeyedStateHandle) handle).getMetaDataStateHandle().openInputStream()) {
            KeyedBackendSerializationProxy<String> proxy =
                    new KeyedBackendSerializationProxy<>(SymbolSignalsFunctionTest.class.getClassLoader());
            proxy.read(new DataInputViewStreamWrapper(in));
            return proxy.getStateMetaInfoSnapshots().stream()
                    .map(StateMetaInfoSnapshot::getName)
                    .toList();
        }
    }

    /** Every output's records in emission order, by output name. */
    private static Map<String, List<Object>> outputs(
            KeyedOneInputStreamOperatorTestHarness<String, ReadTick, Signal> h) {
        Map<String, List<Object>> out = new TreeMap<>();
        out.put("signals", new ArrayList<>(h.extractOutputValues()));
        for (OutputTag<?> tag : List.of(
                SymbolSignalsFunction.FEATURES,
                SymbolSignalsFunction.BARS,
                SymbolSignalsFunction.LATE,
                SymbolSignalsFunction.BLOCKED)) {
            out.put(tag.getId(), new ArrayList<>(side(h, tag)));
        }
        return out;
    }

    @Test
    void blockedCandidatesGoToTheirOutputWithTheReason() throws Exception {
        StrategyConfig strict = shortWindows();
        strict.minConfidence = 90;
        try (var h = harness(strict)) {
            h.open();
            for (Tick t : breakoutLong()) {
                send(h, t);
            }
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(side(h, SymbolSignalsFunction.BLOCKED)).singleElement().satisfies((BlockedSignal b) -> {
                assertThat(b.reason()).isEqualTo(BlockReason.LOW_CONFIDENCE);
                assertThat(b.signal().trigger()).isEqualTo(Trigger.BREAKOUT);
            });
        }
    }
}
