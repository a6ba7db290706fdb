package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

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
 * #live(Duration, Duration, Duration)} is for a live stream, where waiting for every symbol would
 * stall signals: a symbol more than {@code symbolIdle} of event time behind the split's newest
 * tick no longer holds the watermark back (its next tick is normally new, not behind), and when
 * no tick arrived for {@code quiet} of wall time the watermark moves up to the newest {@code ts}
 * itself, so that a signal at the last tick is not held until the next tick. Quiet is measured
 * on Flink's input activity clock, which stops while the source is backpressured, so a
 * catch-up never looks quiet. The price: a tick of the same millisecond as an earlier tick of its
 * symbol that arrives more than {@code quiet} after it is late for CEP. Zero never advances
 * (then a signal waits for the next tick of its partition).
 */
public final class PerSymbolWatermarks implements WatermarkGenerator<ReadResult> {

    private final long symbolIdleMs;
    private final long quietNanos;
    private final RelativeClock clock;
    /** The newest {@code ts} of each symbol, in a one-element array: updated in place, no boxing per tick. */
    private final Map<String, long[]> latest = new HashMap<>();
    private long newest = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;
    private long lastEventNanos;
    private boolean eventsSinceEmit;

    private PerSymbolWatermarks(long symbolIdleMs, long quietNanos, RelativeClock clock) {
        this.symbolIdleMs = symbolIdleMs;
        this.quietNanos = quietNanos;
        this.clock = clock;
        this.lastEventNanos = clock.relativeTimeNanos();
    }

    /** For bounded inputs: exact, never a tick behind the watermark. */
    public static WatermarkStrategy<ReadResult> exact() {
        return strategy(Long.MAX_VALUE, 0);
    }

    /**
     * For live streams.
     *
     * @param symbolIdle event time after which a quiet symbol stops holding the watermark back
     * @param partitionIdle wall time after which a quiet split (a Kafka partition) does
     * @param quiet wall time without a tick after which the watermark reaches the newest tick;
     *     zero never
     */
    public static WatermarkStrategy<ReadResult> live(Duration symbolIdle, Duration partitionIdle, Duration quiet) {
        return strategy(symbolIdle.toMillis(), quiet.toNanos()).withIdleness(partitionIdle);
    }

    private static WatermarkStrategy<ReadResult> strategy(long symbolIdleMs, long quietNanos) {
        return WatermarkStrategy.<ReadResult>forGenerator(
                        ctx -> new PerSymbolWatermarks(symbolIdleMs, quietNanos, ctx.getInputActivityClock()))
                .withTimestampAssigner(ctx -> PerSymbolWatermarks::timestamp);
    }

    private static long timestamp(ReadResult r, long recordTimestamp) {
        return r.isAccepted() ? r.tick().ts() : TimestampAssigner.NO_TIMESTAMP;
    }

    @Override
    public void onEvent(ReadResult r, long eventTimestamp, WatermarkOutput output) {
        if (r.isAccepted()) {
            long ts = r.tick().ts();
            long[] symbolTs = latest.computeIfAbsent(r.tick().symbol(), s -> new long[] {Long.MIN_VALUE});
            if (ts > symbolTs[0]) {
                symbolTs[0] = ts;
            }
            newest = Math.max(newest, ts);
            eventsSinceEmit = true;
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long min = Long.MAX_VALUE;
        for (long[] symbolTs : latest.values()) {
            long ts = symbolTs[0];
            if (symbolIdleMs == Long.MAX_VALUE || ts >= newest - symbolIdleMs) {
                min = Math.min(min, ts);
            }
        }
        if (min == Long.MAX_VALUE) {
            return;
        }
        // The activity clock is read here, once per emit interval, not per tick (it is synchronized):
        // the last event's time is known to within one interval, and only ever later, never earlier.
        boolean quiet = false;
        if (quietNanos > 0) {
            long now = clock.relativeTimeNanos();
            if (eventsSinceEmit) {
                lastEventNanos = now;
                eventsSinceEmit = false;
            }
            quiet = now - lastEventNanos >= quietNanos;
        }
        long watermark = quiet ? min : min - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
