package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Record timestamps for read records: a tick's {@code ts}, none for a dead letter; and no
 * watermarks. The job keeps every symbol in its own event time (the per-symbol operator runs on
 * each tick's {@code ts}), so nothing waits for a watermark and no tick is ever behind one; the
 * only watermark is the final one that a bounded source emits when it ends, which closes every
 * symbol's last bar. The timestamps are what the Kafka sinks give their records.
 */
public final class EventTimestamps {

    private EventTimestamps() {}

    /** The strategy for every source of the job, bounded or not. */
    public static WatermarkStrategy<ReadResult> strategy() {
        return WatermarkStrategy.<ReadResult>noWatermarks().withTimestampAssigner(ctx -> EventTimestamps::timestamp);
    }

    private static long timestamp(ReadResult r, long recordTimestamp) {
        return r.isAccepted() ? r.tick().ts() : TimestampAssigner.NO_TIMESTAMP;
    }
}
