package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Several trade files read as one stream in {@code ts} order (SPEC.md §1: readers of several files
 * merge them by {@code ts}, so that a symbol traded in two files is not late in the second merely
 * because the first was read to its end): a k-way merge of each file's records in their own order,
 * at equal {@code ts} the earlier file first; a dead letter comes as soon as it is the next record of
 * its file. The same files give the same stream, so a reader resumed after a crash skips what it
 * handed on before by counting records. Used by the job's file source and the executor's replay.
 */
public final class MergedTickReader implements Iterator<ReadResult>, AutoCloseable {

    private final List<TickReader> readers;
    /** Each reader's next record, or null when it is exhausted; read once per record, no object per record. */
    private final ReadResult[] heads;
    /** Their merge keys: {@code ts}, or {@link Long#MIN_VALUE} for a dead letter. */
    private final long[] keys;
    /** Readers with a head left. */
    private int live;

    /** Merges {@code readers}, in the order given (the tie-break); closing this closes them. */
    public MergedTickReader(List<TickReader> readers) {
        this.readers = List.copyOf(readers);
        this.heads = new ReadResult[this.readers.size()];
        this.keys = new long[heads.length];
        for (int i = 0; i < heads.length; i++) {
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
        return live > 0;
    }

    /** The head with the smallest key, the earliest file at equal keys: a scan, as a merge reads few files. */
    @Override
    public ReadResult next() {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (best < 0 || keys[i] < keys[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new NoSuchElementException();
        }
        ReadResult out = heads[best];
        live--;
        refill(best);
        return out;
    }

    private void refill(int file) {
        TickReader reader = readers.get(file);
        if (reader.hasNext()) {
            ReadResult r = reader.next();
            heads[file] = r;
            keys[file] = r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE;
            live++;
        } else {
            heads[file] = null;
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
