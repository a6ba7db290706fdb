package io.scalpsignals.udf.metrics;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Trigger;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's own metrics, registered on each operator's metric group under the group {@value
 * #GROUP}, with label groups ({@link MetricGroup#addGroup(String, String)}) for trigger, action
 * and reason. Flink's Prometheus reporters name them {@code
 * flink_taskmanager_job_task_operator_scalp_<labels>_<name>}; the README lists them and
 * {@code deploy/grafana} and {@code deploy/prometheus} query them.
 *
 * <p>Every labelled counter is registered when the operator opens, one per value of its label
 * enum, so a count that is still zero is exported as 0 rather than missing.
 */
public final class JobMetrics {

    /** The group under the operator's metric group. */
    public static final String GROUP = "scalp";

    /** Counter: ticks accepted (features computed), per subtask of the keyed features operator. */
    public static final String TICKS_ACCEPTED = "ticksAccepted";

    /** Counter: ticks older than their symbol's last accepted tick (late.jsonl). */
    public static final String TICKS_LATE = "ticksLate";

    /** Counter, label {@code reason}: input records dead-lettered (SPEC §1). */
    public static final String DEAD_LETTERS = "deadLetters";

    /** Gauge, ms: wall clock minus the newest accepted tick's {@code ts}; 0 before the first tick. */
    public static final String EVENT_TIME_LAG_MS = "eventTimeLagMs";

    /** Counter, labels {@code trigger}, {@code action}: candidates that reached the gate. */
    public static final String CANDIDATES = "candidates";

    /** Counter, labels {@code trigger}, {@code action}: signals emitted. */
    public static final String SIGNALS = "signals";

    /** Counter, label {@code reason}: candidates the gate blocked (SPEC §5). */
    public static final String BLOCKED = "blocked";

    /**
     * Histogram, microseconds: a signal's emission by the gate minus the source's read of its tick
     * ({@link ArrivalClock}): the job's own share of the tick-to-signal latency, the network
     * shuffle to the per-symbol operator included, the time the tick spent in Kafka not.
     */
    public static final String TICK_TO_SIGNAL_LATENCY_US = "tickToSignalLatencyUs";

    /**
     * Counter, labels {@code trigger} (vwap_rejection, breakout), {@code action}: ticks given to
     * the CEP pattern by its feed ({@code PatternFeed}); a few per match, whatever the tick rate.
     */
    public static final String CEP_EVENTS = "cepEvents";

    /**
     * Gauge, labels {@code trigger}, {@code action}: the most partial matches (the start state
     * included) one symbol's CEP pattern held after a tick, since the subtask started; bounded by
     * a small constant (the feeds' Javadoc), whatever the tick rate.
     */
    public static final String CEP_PARTIAL_MATCHES_MAX = "cepPartialMatchesMax";

    /**
     * Label group of the per-symbol metrics, exported only for the symbols of {@code
     * metrics_symbols}: counters {@link #SIGNALS} and {@link #BLOCKED}, gauge {@link
     * #EVENT_TIME_LAG_MS} (0 on the subtasks that do not own the symbol).
     */
    public static final String SYMBOL = "symbol";

    private JobMetrics() {}

    /** The {@value #GROUP} group under {@code operator}. */
    public static MetricGroup group(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    /**
     * One counter {@code name} per value of {@code labels}, labelled {@code label=<value name>},
     * indexed by the value's ordinal (no map lookup per event).
     */
    public static <E extends Enum<E>> Counter[] byLabel(MetricGroup group, String label, Class<E> labels, String name) {
        E[] values = labels.getEnumConstants();
        Counter[] counters = new Counter[values.length];
        for (E value : values) {
            counters[value.ordinal()] = group.addGroup(label, value.name()).counter(name);
        }
        return counters;
    }

    /**
     * One counter {@code name} per trigger and action, labelled {@code trigger} (wire name) and
     * {@code action}, indexed {@code [trigger.ordinal()][action.ordinal()]}.
     */
    public static Counter[][] byTriggerAndAction(MetricGroup group, String name) {
        Counter[][] counters = new Counter[Trigger.values().length][];
        for (Trigger trigger : Trigger.values()) {
            counters[trigger.ordinal()] =
                    byLabel(group.addGroup("trigger", trigger.wireName()), "action", Action.class, name);
        }
        return counters;
    }
}
