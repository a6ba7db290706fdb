package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import javax.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * One pattern run by {@link KeyedNfa} in a keyed function, in an operator harness: the way the
 * per-symbol operator runs it, with no watermark anywhere. Ticks are processed when sent.
 */
final class NfaRun implements AutoCloseable {

    final KeyedOneInputStreamOperatorTestHarness<String, SymbolTick, Candidate> harness;
    private final NfaFunction function;
    private final KeyedProcessOperator<String, SymbolTick, Candidate> operator;

    /**
     * @param rocksDb state on RocksDB instead of the heap
     * @param restore a snapshot of an earlier run to continue from, or null
     */
    NfaRun(
            Pattern<SymbolTick, SymbolTick> pattern,
            Trigger trigger,
            Action action,
            boolean rocksDb,
            @Nullable OperatorSubtaskState restore)
            throws Exception {
        function = new NfaFunction(pattern, trigger, action);
        operator = new KeyedProcessOperator<>(function);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                operator, (SymbolTick t) -> t.features().symbol(), Types.STRING);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.open();
    }

    NfaRun(Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action) throws Exception {
        this(pattern, trigger, action, false, null);
    }

    /** All candidates of {@code pattern} over {@code ticks} (one symbol, in order). */
    static List<Candidate> run(
            Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action, List<SymbolTick> ticks)
            throws Exception {
        try (NfaRun run = new NfaRun(pattern, trigger, action)) {
            for (SymbolTick t : ticks) {
                run.send(t);
            }
            return run.candidates();
        }
    }

    void send(SymbolTick t) throws Exception {
        harness.processElement(new StreamRecord<>(t, t.ts()));
    }

    List<Candidate> candidates() {
        return harness.extractOutputValues();
    }

    /** The live partial matches of {@code symbol}'s NFA, the start state included. */
    int partialMatches(String symbol) throws Exception {
        operator.setCurrentKey(symbol);
        return function.nfa.partialMatches();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }

    /** The pattern's matches as candidates at their signal event. */
    private static final class NfaFunction extends KeyedProcessFunction<String, SymbolTick, Candidate> {
        private final Pattern<SymbolTick, SymbolTick> pattern;
        private final Trigger trigger;
        private final Action action;
        private transient KeyedNfa<SymbolTick> nfa;

        NfaFunction(Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action) {
            this.pattern = pattern;
            this.trigger = trigger;
            this.action = action;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            nfa = new KeyedNfa<>(
                    "p",
                    pattern,
                    getRuntimeContext().createSerializer(TypeInformation.of(SymbolTick.class)),
                    getRuntimeContext());
        }

        @Override
        public void processElement(SymbolTick t, Context ctx, Collector<Candidate> out) throws Exception {
            for (Map<String, List<SymbolTick>> match : nfa.process(t, t.ts())) {
                SymbolTick c = match.get(Patterns.SIGNAL).get(0);
                out.collect(new Candidate(trigger, action, c.seq(), c.features()));
            }
        }

        @Override
        public void close() throws Exception {
            nfa.close();
        }
    }
}
