package io.scalpsignals.udf.signals;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sets each record's timestamp to its tick's {@code ts}. A side output carries the timestamp of
 * the element being processed, but {@link PatternFeed} releases a held tick one tick late, and
 * CEP orders and windows by record timestamp. Watermarks pass through unchanged: the held tick
 * is never behind them (the watermark only passes a tick after the symbol has moved beyond it).
 */
public final class TickTimestamps extends AbstractStreamOperator<SymbolTick>
        implements OneInputStreamOperator<SymbolTick, SymbolTick> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<SymbolTick> element) {
        output.collect(element.replace(element.getValue(), element.getValue().ts()));
    }
}
