package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.signals.ReadTick;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link ReadTick}, the record every tick is between the source and the per-symbol operator: the
 * tick's fields (symbol as modified UTF-8, side as one byte, absent quotes as NaN) and the read
 * time; 75 bytes for a six-letter symbol.
 */
public final class ReadTickSerializer extends RecordSerializer<ReadTick> {

    private static final long serialVersionUID = 1L;

    public static final ReadTickSerializer INSTANCE = new ReadTickSerializer();

    private ReadTickSerializer() {
        super(1, true);
    }

    @Override
    public ReadTick createInstance() {
        return null;
    }

    @Override
    public ReadTick copy(ReadTick from) {
        return from;
    }

    @Override
    public void serialize(ReadTick r, DataOutputView out) throws IOException {
        Fields.writeTick(r.tick(), out);
        out.writeLong(r.readMicros());
    }

    @Override
    public ReadTick deserialize(DataInputView in) throws IOException {
        return new ReadTick(Fields.readTick(in), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<ReadTick> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<ReadTick> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
