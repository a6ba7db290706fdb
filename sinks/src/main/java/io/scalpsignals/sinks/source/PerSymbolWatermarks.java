package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Watermarks that stay behind every symbol (SPEC.md §1): the smallest of the symbols' largest
 * {@code ts} so far, minus 1 ms. Flink CEP drops events at or behind the watermark, and the
 * watermark is shared by all symbols of a split, so a tick must never be behind it merely because
 * another symbol has moved on. Record timestamps are the ticks' {@code ts}; dead letters have none.
 *
 * <p>{@link #exact()} is for backfills: a symbol that stops trading holds the watermark back,
 * which only delays CEP's output to the end of the input and never changes it. {@link
 * #live(Duration, Duration)} is for a live stream, where waiting for every symbol would stall
 * signals: a symbol more than {@code symbolIdle} of event time behind the split's newest tick no
 * longer holds the watermark back (its next tick is normally new, not behind), and when no tick
 * arrived since the previous periodic emission the watermark moves up to the newest {@code ts}
 * itself, so that a signal at the last tick is not held until the next one. The price: a tick of
 * the same millisecond as an earlier tick of its symbol, arriving a whole watermark interval
 * after it, is late for CEP (SPEC.md's live lateness is per symbol, and such a tick is rare).
 */
public final class PerSymbolWatermarks implements WatermarkGenerator<ReadResult> {

    private final long symbolIdleMs;
    private final boolean advanceWhenQuiet;
    private final Map<String, Long> latest = new HashMap<>();
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private boolean eventsSinceEmit;

    private PerSymbolWatermarks(long symbolIdleMs, boolean advanceWhenQuiet) {
        this.symbolIdleMs = symbolIdleMs;
        this.advanceWhenQuiet = advanceWhenQuiet;
    }

    /** For bounded inputs: exact, never a tick behind the watermark. */
    public static WatermarkStrategy<ReadResult> exact() {
        return strategy(Long.MAX_VALUE, false);
    }

    /**
     * For live streams.
     *
     * @param symbolIdle event time after which a quiet symbol stops holding the watermark back
     * @param partitionIdle processing time after which a quiet split (a Kafka partition) does
     */
    public static WatermarkStrategy<ReadResult> live(Duration symbolIdle, Duration partitionIdle) {
        return strategy(symbolIdle.toMillis(), true).withIdleness(partitionIdle);
    }

    private static WatermarkStrategy<ReadResult> strategy(long symbolIdleMs, boolean advanceWhenQuiet) {
        return WatermarkStrategy.<ReadResult>forGenerator(ctx -> new PerSymbolWatermarks(symbolIdleMs, advanceWhenQuiet))
                .withTimestampAssigner(ctx -> PerSymbolWatermarks::timestamp);
    }

    private static long timestamp(ReadResult r, long recordTimestamp) {
        return r.isAccepted() ? r.tick().ts() : TimestampAssigner.NO_TIMESTAMP;
    }

    @Override
    public void onEvent(ReadResult r, long eventTimestamp, WatermarkOutput output) {
        if (r.isAccepted()) {
            long ts = r.tick().ts();
            latest.merge(r.tick().symbol(), ts, Math::max);
            newest = Math.max(newest, ts);
            eventsSinceEmit = true;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long min = Long.MAX_VALUE;
        for (long ts : latest.values()) {
            if (symbolIdleMs == Long.MAX_VALUE || ts >= newest - symbolIdleMs) {
                min = Math.min(min, ts);
            }
        }
        if (min == Long.MAX_VALUE) {
            return;
        }
        long watermark = advanceWhenQuiet && !eventsSinceEmit ? min : min - 1;
        eventsSinceEmit = false;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
