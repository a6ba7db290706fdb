package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link SymbolTick}, the event the CEP patterns keep in their shared buffers and the pattern
 * feed holds back: the feature record, the breakout levels and the arrival number.
 */
public final class SymbolTickSerializer extends RecordSerializer<SymbolTick> {

    private static final long serialVersionUID = 1L;

    public static final SymbolTickSerializer INSTANCE = new SymbolTickSerializer();

    private SymbolTickSerializer() {
        super(1, true);
    }

    @Override
    public SymbolTick createInstance() {
        return null;
    }

    @Override
    public SymbolTick copy(SymbolTick from) {
        return from;
    }

    @Override
    public void serialize(SymbolTick t, DataOutputView out) throws IOException {
        Fields.writeFeatures(t.features(), out);
        out.writeDouble(t.levelHigh());
        out.writeDouble(t.levelLow());
        out.writeLong(t.seq());
    }

    @Override
    public SymbolTick deserialize(DataInputView in) throws IOException {
        return new SymbolTick(Fields.readFeatures(in), in.readDouble(), in.readDouble(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<SymbolTick> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<SymbolTick> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
