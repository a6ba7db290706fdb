package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Several trade files read as one stream in {@code ts} order (SPEC.md §1: readers of several files
 * merge them by {@code ts}, so that a symbol traded in two files is not late in the second merely
 * because the first was read to its end): a k-way merge of each file's records in their own order,
 * at equal {@code ts} the earlier file first; a dead letter comes as soon as it is the next record of
 * its file. The same files give the same stream, so a reader resumed after a crash skips what it
 * handed on before by counting records. Used by the job's file source and the executor's replay.
 */
public final class MergedTickReader implements Iterator<ReadResult>, AutoCloseable {

    private record Head(ReadResult record, long key, int file) {}

    private final List<TickReader> readers;
    private final PriorityQueue<Head> heads =
            new PriorityQueue<>(Comparator.comparingLong(Head::key).thenComparingInt(Head::file));

    /** Merges {@code readers}, in the order given (the tie-break); closing this closes them. */
    public MergedTickReader(List<TickReader> readers) {
        this.readers = List.copyOf(readers);
        for (int i = 0; i < this.readers.size(); i++) {
            refill(i);
        }
    }

    /**
     * Opens every local file (each format decided by {@code format}, as {@code scalp backfill} does).
     *
     * @param symbol the symbol of records that carry none, or null
     * @throws IOException when a file cannot be opened
     * @throws IllegalArgumentException when a file's format cannot be read (its header, its name)
     */
    public static MergedTickReader open(List<Path> files, TickFormat format, @Nullable String symbol)
            throws IOException {
        List<TickReader> readers = new ArrayList<>();
        try {
            for (Path f : files) {
                InputStream in = Files.newInputStream(f);
                try {
                    readers.add(TickReader.open(in, f.toString(), format, symbol));
                } catch (RuntimeException e) {
                    in.close();
                    throw e;
                }
            }
        } catch (IOException | RuntimeException e) {
            for (TickReader r : readers) {
                r.close();
            }
            throw e;
        }
        return new MergedTickReader(readers);
    }

    /** The readers, in the order given. */
    public List<TickReader> readers() {
        return readers;
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public ReadResult next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        refill(head.file());
        return head.record();
    }

    private void refill(int file) {
        TickReader reader = readers.get(file);
        if (reader.hasNext()) {
            ReadResult r = reader.next();
            heads.add(new Head(r, r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE, file));
        }
    }

    /**
     * Closes every reader.
     *
     * @throws IOException the first a reader threw (the others are closed all the same)
     */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (TickReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
