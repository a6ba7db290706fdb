package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.lang.reflect.Field;
import java.util.List;

/** A Flink CEP operator for one pattern in a keyed operator harness. */
final class CepRun {

    final KeyedOneInputStreamOperatorTestHarness<String, SymbolTick, Candidate> harness;
    private final CepOperator<SymbolTick, String, Candidate> operator;

    CepRun(Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action) throws Exception {
        operator =
                new CepOperator<>(
                        TypeInformation.of(SymbolTick.class).createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern, false),
                        null,
                        pattern.getAfterMatchSkipStrategy(),
                        new MatchToCandidate(trigger, action),
                        null);
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, t -> t.features().symbol(), Types.STRING);
    }

    /** All candidates of {@code pattern} over {@code ticks} (one symbol, in order). */
    static List<Candidate> run(Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action, List<SymbolTick> ticks)
            throws Exception {
        CepRun run = new CepRun(pattern, trigger, action);
        try (var h = run.harness) {
            h.open();
            for (SymbolTick t : ticks) {
                run.send(t);
            }
            h.processWatermark(Long.MAX_VALUE);
            return h.extractOutputValues();
        }
    }

    void send(SymbolTick t) throws Exception {
        harness.processElement(new StreamRecord<>(t, t.ts()));
    }

    /**
     * The live partial matches of {@code key}'s NFA. Read through the operator's private state
     * handle: Flink offers no public accessor, and this number is what the bound is about.
     */
    @SuppressWarnings("unchecked")
    int partialMatches(String key) throws Exception {
        operator.setCurrentKey(key);
        Field f = CepOperator.class.getDeclaredField("computationStates");
        f.setAccessible(true);
        NFAState state = ((ValueState<NFAState>) f.get(operator)).value();
        return state == null ? 0 : state.getPartialMatches().size();
    }
}
