package io.scalpsignals.sinks.source;

import io.scalpsignals.model.read.TickFormat;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned binary form of a {@link TickFilesSplit} for checkpoints. Version 1: file count,
 * then per file path, format name, has-symbol flag and symbol; then the emitted count.
 */
public final class TickFilesSplitSerializer implements SimpleVersionedSerializer<TickFilesSplit> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(TickFilesSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public TickFilesSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown tick-files split version " + version);
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(TickFilesSplit split, DataOutputView out) throws IOException {
        out.writeInt(split.files().size());
        for (InputFile f : split.files()) {
            out.writeUTF(f.path());
            out.writeUTF(f.format().name());
            out.writeBoolean(f.symbol() != null);
            if (f.symbol() != null) {
                out.writeUTF(f.symbol());
            }
        }
        out.writeLong(split.emitted());
    }

    static TickFilesSplit read(DataInputView in) throws IOException {
        int n = in.readInt();
        List<InputFile> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = in.readUTF();
            TickFormat format = TickFormat.valueOf(in.readUTF());
            String symbol = in.readBoolean() ? in.readUTF() : null;
            files.add(new InputFile(path, format, symbol));
        }
        return new TickFilesSplit(files, in.readLong());
    }
}
