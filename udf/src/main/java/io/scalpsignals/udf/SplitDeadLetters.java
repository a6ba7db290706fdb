package io.scalpsignals.udf;

import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.udf.metrics.ArrivalClock;
import io.scalpsignals.udf.metrics.JobMetrics;
import io.scalpsignals.udf.metrics.LabelledCounts;
import io.scalpsignals.udf.signals.ReadTick;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Routes what the readers made of the input: valid ticks to the main output, stamped with the
 * time they were read ({@link ReadTick}; this function is chained to the source, so that is when
 * the source handed the record on), dead letters to {@link #DEAD_LETTERS} (SPEC.md §1: a bad
 * record never stops the job). Counts both in
 * accumulators: {@value #ACC_READ} records, and {@value #ACC_DEAD_LETTER_PREFIX}{@code REASON}
 * per dead-letter reason, and dead letters in the metric {@value JobMetrics#DEAD_LETTERS} by
 * {@code reason}.
 */
public class SplitDeadLetters extends ProcessFunction<ReadResult, ReadTick> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    public static final String ACC_READ = "records-read";
    public static final String ACC_DEAD_LETTER_PREFIX = "dead-letter.";

    private transient LongCounter read;
    private transient LabelledCounts deadLetters;

    @Override
    public void open(OpenContext openContext) {
        read = getRuntimeContext().getLongCounter(ACC_READ);
        deadLetters = LabelledCounts.of(
                getRuntimeContext(),
                JobMetrics.group(getRuntimeContext().getMetricGroup()),
                "reason",
                DeadLetterReason.class,
                JobMetrics.DEAD_LETTERS,
                ACC_DEAD_LETTER_PREFIX);
    }

    @Override
    public void processElement(ReadResult r, Context ctx, Collector<ReadTick> out) {
        read.add(1L);
        if (r.isAccepted()) {
            out.collect(new ReadTick(r.tick(), ArrivalClock.nowMicros()));
            return;
        }
        DeadLetter d = r.deadLetter();
        deadLetters.add(d.reason().ordinal());
        ctx.output(DEAD_LETTERS, d);
    }
}
