package io.scalpsignals.job;

import io.scalpsignals.udf.SplitDeadLetters;
import io.scalpsignals.udf.metrics.OperatorMetrics;

import org.apache.flink.api.common.JobExecutionResult;

import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a finished backfill, from the job's accumulators.
 *
 * @param recordsRead input records read (ticks and dead letters)
 * @param accepted ticks accepted
 * @param deadLettered dead-lettered records by reason
 * @param late late ticks
 * @param bars bars closed
 * @param symbols distinct symbols
 * @param signals signals by {@code trigger.ACTION}
 * @param blocked blocked candidates by reason
 * @param wallMillis wall-clock duration of the job, ms
 */
public record RunSummary(
        long recordsRead,
        long accepted,
        Map<String, Long> deadLettered,
        long late,
        long bars,
        long symbols,
        Map<String, Long> signals,
        Map<String, Long> blocked,
        long wallMillis) {

    public static RunSummary of(JobExecutionResult result, long wallMillis) {
        return new RunSummary(
                count(result, SplitDeadLetters.ACC_READ),
                count(result, OperatorMetrics.ACC_ACCEPTED),
                byName(result, SplitDeadLetters.ACC_DEAD_LETTER_PREFIX),
                count(result, OperatorMetrics.ACC_LATE),
                count(result, OperatorMetrics.ACC_BARS),
                count(result, OperatorMetrics.ACC_SYMBOLS),
                byName(result, OperatorMetrics.ACC_SIGNALS_PREFIX),
                byName(result, OperatorMetrics.ACC_BLOCKED_PREFIX),
                wallMillis);
    }

    /** The counters whose names start with {@code prefix}, by the rest of their name. */
    private static Map<String, Long> byName(JobExecutionResult result, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        result.getAllAccumulatorResults().forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), (Long) value);
            }
        });
        return out;
    }

    public long deadLetteredTotal() {
        return total(deadLettered);
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary as the command line prints it. */
    public String format() {
        double seconds = wallMillis / 1000.0;
        StringBuilder b = new StringBuilder();
        b.append(String.format("records read    %,d%n", recordsRead));
        b.append(String.format("ticks accepted  %,d%n", accepted));
        b.append(String.format("dead-lettered   %,d%n", deadLetteredTotal()));
        deadLettered.forEach((reason, n) -> b.append(String.format("  %-14s%,d%n", reason, n)));
        b.append(String.format("late            %,d%n", late));
        b.append(String.format("bars            %,d%n", bars));
        b.append(String.format("symbols         %,d%n", symbols));
        b.append(String.format("signals         %,d%n", total(signals)));
        signals.forEach((key, n) -> b.append(String.format("  %-28s%,d%n", key.replace('.', ' '), n)));
        b.append(String.format("blocked         %,d%n", total(blocked)));
        blocked.forEach((reason, n) -> b.append(String.format("  %-28s%,d%n", reason, n)));
        b.append(String.format("wall time       %.1f s%n", seconds));
        b.append(String.format("ticks/s         %,.0f%n", seconds > 0 ? recordsRead / seconds : 0.0));
        return b.toString();
    }

    private static long count(JobExecutionResult result, String name) {
        Object v = result.getAllAccumulatorResults().get(name);
        return v == null ? 0L : (Long) v;
    }
}
