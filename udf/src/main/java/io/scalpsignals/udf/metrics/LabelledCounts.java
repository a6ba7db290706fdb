package io.scalpsignals.udf.metrics;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One count per label value, kept twice: as a metric (registered when the operator opens, so a
 * zero is exported as 0; {@link JobMetrics}) and as a job accumulator (registered at its first
 * use, so a job's result names only the values that occurred; what the run summaries print).
 * Indexed by ordinal: no map lookup or allocation per event.
 */
public final class LabelledCounts {

    private final RuntimeContext context;
    private final Counter[] metrics;
    private final String[] accumulatorNames;
    private final LongCounter[] accumulators;

    private LabelledCounts(RuntimeContext context, Counter[] metrics, String[] accumulatorNames) {
        this.context = context;
        this.metrics = metrics;
        this.accumulatorNames = accumulatorNames;
        this.accumulators = new LongCounter[metrics.length];
    }

    /**
     * Per value of {@code labels}: the metric {@code metric} labelled {@code label=<name>}, the
     * accumulator {@code accumulatorPrefix + name}.
     */
    public static <E extends Enum<E>> LabelledCounts of(
            RuntimeContext context,
            MetricGroup group,
            String label,
            Class<E> labels,
            String metric,
            String accumulatorPrefix) {
        E[] values = labels.getEnumConstants();
        String[] names = new String[values.length];
        for (E value : values) {
            names[value.ordinal()] = accumulatorPrefix + value.name();
        }
        return new LabelledCounts(context, JobMetrics.byLabel(group, label, labels, metric), names);
    }

    /**
     * Per trigger and action: the metric {@code metric} labelled {@code trigger} (wire name) and
     * {@code action}, the accumulator {@code accumulatorPrefix + trigger + "." + action}; indexed
     * by {@link #index(Trigger, Action)}.
     */
    public static LabelledCounts byTriggerAndAction(
            RuntimeContext context, MetricGroup group, String metric, String accumulatorPrefix) {
        Counter[][] byTrigger = JobMetrics.byTriggerAndAction(group, metric);
        Counter[] metrics = new Counter[Trigger.values().length * Action.values().length];
        String[] names = new String[metrics.length];
        for (Trigger t : Trigger.values()) {
            for (Action a : Action.values()) {
                metrics[index(t, a)] = byTrigger[t.ordinal()][a.ordinal()];
                names[index(t, a)] = accumulatorPrefix + t.wireName() + "." + a.name();
            }
        }
        return new LabelledCounts(context, metrics, names);
    }

    /** The index of a trigger and action in {@link #byTriggerAndAction}. */
    public static int index(Trigger trigger, Action action) {
        return trigger.ordinal() * Action.values().length + action.ordinal();
    }

    /** Adds one to the value at {@code index} (an ordinal, or {@link #index(Trigger, Action)}). */
    public void add(int index) {
        metrics[index].inc();
        LongCounter accumulator = accumulators[index];
        if (accumulator == null) {
            accumulator = context.getLongCounter(accumulatorNames[index]);
            accumulators[index] = accumulator;
        }
        accumulator.add(1L);
    }
}
