package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.state.GateState;
import io.scalpsignals.udf.state.SymbolState;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.DoublePrimitiveArraySerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link SymbolState}, the per-symbol state read and written at every tick: scalars and the
 * cursors' arrays in declaration order, the pattern feed's held tick (or none) and the gate's
 * three timestamps; about 550 bytes (the held tick adds 170).
 */
public final class SymbolStateSerializer extends RecordSerializer<SymbolState> {

    private static final long serialVersionUID = 1L;
    /** Arrays as Flink writes them: the length, then the values. */
    private static final DoublePrimitiveArraySerializer DOUBLES = DoublePrimitiveArraySerializer.INSTANCE;

    private static final LongPrimitiveArraySerializer LONGS = LongPrimitiveArraySerializer.INSTANCE;

    public static final SymbolStateSerializer INSTANCE = new SymbolStateSerializer();

    private SymbolStateSerializer() {
        super(1, false);
    }

    @Override
    public SymbolState createInstance() {
        return new SymbolState();
    }

    @Override
    public SymbolState copy(SymbolState from) {
        SymbolState s = shallowCopy(from);
        s.nextSeq = from.nextSeq.clone();
        s.nextId = from.nextId.clone();
        s.nextClose = from.nextClose.clone();
        s.nextSize = from.nextSize.clone();
        s.refId = from.refId.clone();
        s.refClose = from.refClose.clone();
        GateState g = new GateState();
        g.lastLongTs = from.gate.lastLongTs;
        g.lastShortTs = from.gate.lastShortTs;
        g.lastEmittedTs = from.gate.lastEmittedTs;
        s.gate = g;
        return s;
    }

    private static SymbolState shallowCopy(SymbolState from) {
        SymbolState s = new SymbolState();
        s.lastTs = from.lastTs;
        s.firstBucket = from.firstBucket;
        s.curBucket = from.curBucket;
        s.curClose = from.curClose;
        s.curSize = from.curSize;
        s.tailSeq = from.tailSeq;
        s.recentVolume = from.recentVolume;
        s.recentBuckets = from.recentBuckets;
        s.baseVolume = from.baseVolume;
        s.baseBuckets = from.baseBuckets;
        s.sessionEnd = from.sessionEnd;
        s.sessionVolume = from.sessionVolume;
        s.sessionPv = from.sessionPv;
        s.sessionMean = from.sessionMean;
        s.sessionM2 = from.sessionM2;
        s.barStart = from.barStart;
        s.barOpen = from.barOpen;
        s.barHigh = from.barHigh;
        s.barLow = from.barLow;
        s.barClose = from.barClose;
        s.barVolume = from.barVolume;
        s.barPv = from.barPv;
        s.barTrades = from.barTrades;
        s.levelHigh = from.levelHigh;
        s.levelLow = from.levelLow;
        s.seq = from.seq;
        s.feedKey = from.feedKey;
        s.feedHeld = from.feedHeld; // immutable
        s.lastBreakTs = from.lastBreakTs;
        return s;
    }

    @Override
    public void serialize(SymbolState s, DataOutputView out) throws IOException {
        out.writeLong(s.lastTs);
        out.writeLong(s.firstBucket);
        out.writeLong(s.curBucket);
        out.writeDouble(s.curClose);
        out.writeDouble(s.curSize);
        out.writeLong(s.tailSeq);
        LONGS.serialize(s.nextSeq, out);
        LONGS.serialize(s.nextId, out);
        DOUBLES.serialize(s.nextClose, out);
        DOUBLES.serialize(s.nextSize, out);
        LONGS.serialize(s.refId, out);
        DOUBLES.serialize(s.refClose, out);
        out.writeDouble(s.recentVolume);
        out.writeInt(s.recentBuckets);
        out.writeDouble(s.baseVolume);
        out.writeInt(s.baseBuckets);
        out.writeLong(s.sessionEnd);
        out.writeDouble(s.sessionVolume);
        out.writeDouble(s.sessionPv);
        out.writeDouble(s.sessionMean);
        out.writeDouble(s.sessionM2);
        out.writeLong(s.barStart);
        out.writeDouble(s.barOpen);
        out.writeDouble(s.barHigh);
        out.writeDouble(s.barLow);
        out.writeDouble(s.barClose);
        out.writeDouble(s.barVolume);
        out.writeDouble(s.barPv);
        out.writeLong(s.barTrades);
        out.writeDouble(s.levelHigh);
        out.writeDouble(s.levelLow);
        out.writeLong(s.seq);
        out.writeInt(s.feedKey);
        out.writeBoolean(s.feedHeld != null);
        if (s.feedHeld != null) {
            SymbolTickSerializer.INSTANCE.serialize(s.feedHeld, out);
        }
        out.writeLong(s.lastBreakTs);
        out.writeLong(s.gate.lastLongTs);
        out.writeLong(s.gate.lastShortTs);
        out.writeLong(s.gate.lastEmittedTs);
    }

    @Override
    public SymbolState deserialize(DataInputView in) throws IOException {
        SymbolState s = new SymbolState();
        s.lastTs = in.readLong();
        s.firstBucket = in.readLong();
        s.curBucket = in.readLong();
        s.curClose = in.readDouble();
        s.curSize = in.readDouble();
        s.tailSeq = in.readLong();
        s.nextSeq = LONGS.deserialize(in);
        s.nextId = LONGS.deserialize(in);
        s.nextClose = DOUBLES.deserialize(in);
        s.nextSize = DOUBLES.deserialize(in);
        s.refId = LONGS.deserialize(in);
        s.refClose = DOUBLES.deserialize(in);
        s.recentVolume = in.readDouble();
        s.recentBuckets = in.readInt();
        s.baseVolume = in.readDouble();
        s.baseBuckets = in.readInt();
        s.sessionEnd = in.readLong();
        s.sessionVolume = in.readDouble();
        s.sessionPv = in.readDouble();
        s.sessionMean = in.readDouble();
        s.sessionM2 = in.readDouble();
        s.barStart = in.readLong();
        s.barOpen = in.readDouble();
        s.barHigh = in.readDouble();
        s.barLow = in.readDouble();
        s.barClose = in.readDouble();
        s.barVolume = in.readDouble();
        s.barPv = in.readDouble();
        s.barTrades = in.readLong();
        s.levelHigh = in.readDouble();
        s.levelLow = in.readDouble();
        s.seq = in.readLong();
        s.feedKey = in.readInt();
        s.feedHeld = in.readBoolean() ? SymbolTickSerializer.INSTANCE.deserialize(in) : null;
        s.lastBreakTs = in.readLong();
        s.gate.lastLongTs = in.readLong();
        s.gate.lastShortTs = in.readLong();
        s.gate.lastEmittedTs = in.readLong();
        return s;
    }

    @Override
    public TypeSerializerSnapshot<SymbolState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<SymbolState> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
