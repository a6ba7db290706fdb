package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A bounded FLIP-27 source over trade files: every record becomes a {@link ReadResult} (a tick or
 * a dead letter with {@code file:line}), the files merged in {@code ts} order. The files form
 * one split, so one reader does the reading; its position (records emitted) is checkpointed and
 * a restore re-reads and skips.
 *
 * <pre>{@code
 * env.fromSource(
 *         new TickFileSource(List.of(new InputFile("trades.csv.gz", TickFormat.AUTO, null))),
 *         WatermarkStrategy.noWatermarks(),
 *         "tick files")
 *    .setParallelism(1);
 * }</pre>
 */
public final class TickFileSource implements Source<ReadResult, TickFilesSplit, Collection<TickFilesSplit>> {

    private static final long serialVersionUID = 1L;

    private final List<InputFile> files;

    /**
     * @param files the files to read, at least one
     * @throws IllegalArgumentException when {@code files} is empty
     */
    public TickFileSource(List<InputFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("at least one input file is needed");
        }
        this.files = List.copyOf(files);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ReadResult, TickFilesSplit> createReader(SourceReaderContext context) {
        return new ClosingReader(context);
    }

    @Override
    public SplitEnumerator<TickFilesSplit, Collection<TickFilesSplit>> createEnumerator(
            SplitEnumeratorContext<TickFilesSplit> context) {
        return new IteratorSourceEnumerator<>(context, List.of(new TickFilesSplit(files, 0)));
    }

    @Override
    public SplitEnumerator<TickFilesSplit, Collection<TickFilesSplit>> restoreEnumerator(
            SplitEnumeratorContext<TickFilesSplit> context, Collection<TickFilesSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<TickFilesSplit> getSplitSerializer() {
        return new TickFilesSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<TickFilesSplit>> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return TickFilesSplitSerializer.VERSION;
            }

            @Override
            public byte[] serialize(Collection<TickFilesSplit> splits) throws IOException {
                DataOutputSerializer out = new DataOutputSerializer(256);
                out.writeInt(splits.size());
                for (TickFilesSplit s : splits) {
                    TickFilesSplitSerializer.write(s, out);
                }
                return out.getCopyOfBuffer();
            }

            @Override
            public Collection<TickFilesSplit> deserialize(int version, byte[] bytes) throws IOException {
                if (version != TickFilesSplitSerializer.VERSION) {
                    throw new IOException("unknown tick-files checkpoint version " + version);
                }
                DataInputDeserializer in = new DataInputDeserializer(bytes);
                int n = in.readInt();
                List<TickFilesSplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(TickFilesSplitSerializer.read(in));
                }
                return splits;
            }
        };
    }

    /** Closes the open files when the reader is closed before the input ends (cancel). */
    private static final class ClosingReader
            extends IteratorSourceReader<ReadResult, MergingTickIterator, TickFilesSplit> {

        ClosingReader(SourceReaderContext context) {
            super(context);
        }

        @Override
        public void close() throws Exception {
            if (iterator != null) {
                iterator.close();
            }
            super.close();
        }
    }
}
