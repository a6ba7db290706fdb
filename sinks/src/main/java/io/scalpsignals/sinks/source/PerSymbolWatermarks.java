package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.util.HashMap;
import java.util.Map;

/**
 * Watermarks that stay behind every symbol (SPEC.md §1): the smallest of the symbols' largest
 * {@code ts} so far, minus 1 ms. Flink CEP drops events at or behind the watermark, and the
 * watermark is shared by all symbols of a split, so a tick must never be behind it merely because
 * another symbol has moved on. A symbol that stops trading holds the watermark back: in a
 * bounded run this only delays CEP's output to the end of the input, it never changes it.
 *
 * <p>Record timestamps are the ticks' {@code ts}; dead letters carry none.
 */
public final class PerSymbolWatermarks implements WatermarkGenerator<ReadResult> {

    private final Map<String, Long> latest = new HashMap<>();
    private long emitted = Long.MIN_VALUE;

    /** The strategy: these watermarks, timestamps from {@code ts}. */
    public static WatermarkStrategy<ReadResult> strategy() {
        return WatermarkStrategy.<ReadResult>forGenerator(ctx -> new PerSymbolWatermarks())
                .withTimestampAssigner(ctx -> PerSymbolWatermarks::timestamp);
    }

    private static long timestamp(ReadResult r, long recordTimestamp) {
        return r.isAccepted() ? r.tick().ts() : TimestampAssigner.NO_TIMESTAMP;
    }

    @Override
    public void onEvent(ReadResult r, long eventTimestamp, WatermarkOutput output) {
        if (r.isAccepted()) {
            latest.merge(r.tick().symbol(), r.tick().ts(), Math::max);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long min = Long.MAX_VALUE;
        for (long ts : latest.values()) {
            min = Math.min(min, ts);
        }
        if (min != Long.MAX_VALUE && min - 1 > emitted) {
            emitted = min - 1;
            output.emitWatermark(new Watermark(emitted));
        }
    }
}
