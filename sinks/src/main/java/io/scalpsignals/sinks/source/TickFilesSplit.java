package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;

import java.util.List;

/**
 * The one split of a {@link TickFileSource}: all its files, merged, and how many merged records
 * were already emitted (the checkpointed position).
 */
public final class TickFilesSplit implements IteratorSourceSplit<ReadResult, MergingTickIterator> {

    private final List<InputFile> files;
    private final long emitted;

    public TickFilesSplit(List<InputFile> files, long emitted) {
        this.files = List.copyOf(files);
        this.emitted = emitted;
    }

    public List<InputFile> files() {
        return files;
    }

    public long emitted() {
        return emitted;
    }

    @Override
    public String splitId() {
        return "tick-files";
    }

    @Override
    public MergingTickIterator getIterator() {
        return new MergingTickIterator(files, emitted);
    }

    @Override
    public TickFilesSplit getUpdatedSplitForIterator(MergingTickIterator iterator) {
        return new TickFilesSplit(files, iterator.emitted());
    }
}
