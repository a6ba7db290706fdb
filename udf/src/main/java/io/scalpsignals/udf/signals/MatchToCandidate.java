package io.scalpsignals.udf.signals;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/** Turns a CEP match into a {@link Candidate} at its signal event ({@link Patterns#SIGNAL}). */
public class MatchToCandidate extends PatternProcessFunction<SymbolTick, Candidate> {

    private static final long serialVersionUID = 1L;

    private final Trigger trigger;
    private final Action action;

    public MatchToCandidate(Trigger trigger, Action action) {
        this.trigger = trigger;
        this.action = action;
    }

    @Override
    public void processMatch(Map<String, List<SymbolTick>> match, Context ctx, Collector<Candidate> out) {
        SymbolTick c = match.get(Patterns.SIGNAL).get(0);
        out.collect(new Candidate(trigger, action, c.seq(), c.features(), c.arrivalMicros()));
    }
}
