package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.state.BucketChunk;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link BucketChunk}: its first id, then per slot the id offset, close and size; 1,288 bytes. */
public final class BucketChunkSerializer extends RecordSerializer<BucketChunk> {

    private static final long serialVersionUID = 1L;

    public static final BucketChunkSerializer INSTANCE = new BucketChunkSerializer();

    private BucketChunkSerializer() {
        super(1, false);
    }

    @Override
    public BucketChunk createInstance() {
        return new BucketChunk();
    }

    @Override
    public BucketChunk copy(BucketChunk from) {
        return new BucketChunk(from.base, from.offset.clone(), from.close.clone(), from.size.clone());
    }

    @Override
    public int getLength() {
        return 8 + BucketChunk.SIZE * 20;
    }

    @Override
    public void serialize(BucketChunk c, DataOutputView out) throws IOException {
        out.writeLong(c.base);
        for (int i = 0; i < BucketChunk.SIZE; i++) {
            out.writeInt(c.offset[i]);
            out.writeDouble(c.close[i]);
            out.writeDouble(c.size[i]);
        }
    }

    @Override
    public BucketChunk deserialize(DataInputView in) throws IOException {
        BucketChunk c = new BucketChunk();
        c.base = in.readLong();
        for (int i = 0; i < BucketChunk.SIZE; i++) {
            c.offset[i] = in.readInt();
            c.close[i] = in.readDouble();
            c.size[i] = in.readDouble();
        }
        return c;
    }

    @Override
    public TypeSerializerSnapshot<BucketChunk> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<BucketChunk> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
