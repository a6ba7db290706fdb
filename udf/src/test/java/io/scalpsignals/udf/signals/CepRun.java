package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/**
 * Flink's own {@link CepOperator} for one pattern in event time, in a keyed operator harness: the
 * reference that {@link KeyedNfa} is held against. Each tick is followed by a watermark just
 * behind it ({@code ts - 1}: a later tick of the same millisecond is not late), so the operator
 * processes a tick as soon as a later millisecond arrives, and the final watermark flushes the rest.
 */
final class CepRun {

    private CepRun() {}

    /** All candidates of {@code pattern} over {@code ticks} (one symbol, in order). */
    static List<Candidate> run(
            Pattern<SymbolTick, SymbolTick> pattern, Trigger trigger, Action action, List<SymbolTick> ticks)
            throws Exception {
        CepOperator<SymbolTick, String, Candidate> operator = new CepOperator<>(
                TypeInformation.of(SymbolTick.class).createSerializer(new SerializerConfigImpl()),
                false,
                NFACompiler.compileFactory(pattern, false),
                null,
                pattern.getAfterMatchSkipStrategy(),
                new ToCandidate(trigger, action),
                null);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                operator, (SymbolTick t) -> t.features().symbol(), Types.STRING)) {
            h.open();
            for (SymbolTick t : ticks) {
                h.processElement(new StreamRecord<>(t, t.ts()));
                h.processWatermark(t.ts() - 1);
            }
            h.processWatermark(Long.MAX_VALUE);
            return h.extractOutputValues();
        }
    }

    /** A match as a candidate at its signal event, as the per-symbol operator makes it. */
    private static final class ToCandidate extends PatternProcessFunction<SymbolTick, Candidate> {
        private final Trigger trigger;
        private final Action action;

        ToCandidate(Trigger trigger, Action action) {
            this.trigger = trigger;
            this.action = action;
        }

        @Override
        public void processMatch(Map<String, List<SymbolTick>> match, Context ctx, Collector<Candidate> out) {
            SymbolTick c = match.get(Patterns.SIGNAL).get(0);
            out.collect(new Candidate(trigger, action, c.seq(), c.features()));
        }
    }
}
