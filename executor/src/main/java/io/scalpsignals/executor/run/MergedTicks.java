package io.scalpsignals.executor.run;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import javax.annotation.Nullable;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Several ticks files read as one stream for the replay: a k-way merge by {@code ts} of each file's
 * records in their own order (a dead letter first, as soon as it is read), at equal {@code ts} in the
 * order the files were given. The same files give the same stream, so a resumed replay skips what it
 * applied by counting records.
 */
final class MergedTicks implements Iterator<ReadResult>, Closeable {

    private final List<TickReader> readers;
    /** Each reader's next record, or null when it is exhausted. */
    private final ReadResult[] heads;

    private MergedTicks(List<TickReader> readers) {
        this.readers = readers;
        this.heads = new ReadResult[readers.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = readers.get(i).hasNext() ? readers.get(i).next() : null;
        }
    }

    /**
     * Opens every file (each format decided by {@code format}, as {@code scalp backfill} does).
     *
     * @throws IOException when a file cannot be opened
     * @throws IllegalArgumentException when a file's format cannot be read (its header, its name)
     */
    static MergedTicks open(List<Path> files, TickFormat format, @Nullable String symbol) throws IOException {
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
        return new MergedTicks(readers);
    }

    @Override
    public boolean hasNext() {
        for (ReadResult h : heads) {
            if (h != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ReadResult next() {
        int best = -1;
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] != null && (best < 0 || Replay.tickTs(heads[i]) < Replay.tickTs(heads[best]))) {
                best = i;
            }
        }
        if (best < 0) {
            throw new NoSuchElementException();
        }
        ReadResult out = heads[best];
        TickReader r = readers.get(best);
        heads[best] = r.hasNext() ? r.next() : null;
        return out;
    }

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
