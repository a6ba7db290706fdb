package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.state.BarHistory;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link BarHistory}: its counters, rings and running RSI/EMA values; about 1.7 KB. */
public final class BarHistorySerializer extends RecordSerializer<BarHistory> {

    private static final long serialVersionUID = 1L;

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
        Fields.writeDoubles(h.high, out);
        Fields.writeDoubles(h.low, out);
        Fields.writeDoubles(h.pv, out);
        Fields.writeDoubles(h.volume, out);
        out.writeDouble(h.prevClose);
        out.writeLong(h.rsiChanges);
        out.writeDouble(h.avgGain);
        out.writeDouble(h.avgLoss);
        Fields.writeDoubles(h.ema, out);
    }

    @Override
    public BarHistory deserialize(DataInputView in) throws IOException {
        BarHistory h = new BarHistory();
        h.closedBars = in.readLong();
        h.high = Fields.readDoubles(in);
        h.low = Fields.readDoubles(in);
        h.pv = Fields.readDoubles(in);
        h.volume = Fields.readDoubles(in);
        h.prevClose = in.readDouble();
        h.rsiChanges = in.readLong();
        h.avgGain = in.readDouble();
        h.avgLoss = in.readDouble();
        h.ema = Fields.readDoubles(in);
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
