package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.state.BarHistory;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.DoublePrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link BarHistory}: its counters, rings and running RSI/EMA values; about 1.7 KB. */
public final class BarHistorySerializer extends RecordSerializer<BarHistory> {

    private static final long serialVersionUID = 1L;
    /** Arrays as Flink writes them: the length, then the values. */
    private static final DoublePrimitiveArraySerializer DOUBLES = DoublePrimitiveArraySerializer.INSTANCE;

    public static final BarHistorySerializer INSTANCE = new BarHistorySerializer();

    private BarHistorySerializer() {
        super(1, false);
    }

    @Override
    public BarHistory createInstance() {
        return new BarHistory();
    }

    @Override
    public BarHistory copy(BarHistory from) {
        BarHistory h = new BarHistory();
        h.closedBars = from.closedBars;
        h.high = from.high.clone();
        h.low = from.low.clone();
        h.pv = from.pv.clone();
        h.volume = from.volume.clone();
        h.prevClose = from.prevClose;
        h.rsiChanges = from.rsiChanges;
        h.avgGain = from.avgGain;
        h.avgLoss = from.avgLoss;
        h.ema = from.ema.clone();
        return h;
    }

    @Override
    public void serialize(BarHistory h, DataOutputView out) throws IOException {
        out.writeLong(h.closedBars);
        DOUBLES.serialize(h.high, out);
        DOUBLES.serialize(h.low, out);
        DOUBLES.serialize(h.pv, out);
        DOUBLES.serialize(h.volume, out);
        out.writeDouble(h.prevClose);
        out.writeLong(h.rsiChanges);
        out.writeDouble(h.avgGain);
        out.writeDouble(h.avgLoss);
        DOUBLES.serialize(h.ema, out);
    }

    @Override
    public BarHistory deserialize(DataInputView in) throws IOException {
        BarHistory h = new BarHistory();
        h.closedBars = in.readLong();
        h.high = DOUBLES.deserialize(in);
        h.low = DOUBLES.deserialize(in);
        h.pv = DOUBLES.deserialize(in);
        h.volume = DOUBLES.deserialize(in);
        h.prevClose = in.readDouble();
        h.rsiChanges = in.readLong();
        h.avgGain = in.readDouble();
        h.avgLoss = in.readDouble();
        h.ema = DOUBLES.deserialize(in);
        return h;
    }

    @Override
    public TypeSerializerSnapshot<BarHistory> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<BarHistory> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
