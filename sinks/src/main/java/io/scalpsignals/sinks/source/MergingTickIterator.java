package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.TickReader;

import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges several trade files into one stream in {@code ts} order (SPEC.md §1: readers of several
 * files merge them by {@code ts}, so that a symbol traded in two files is not late in the second
 * merely because the first was read to its end). Each file keeps
 * its own order; at equal {@code ts} the earlier file on the command line comes first. A dead
 * letter is emitted as soon as it is the next record of its file.
 *
 * <p>Logs progress (records read, rate) every {@value #PROGRESS_EVERY} records at most every
 * 2 s of wall-clock time; progress is the only use of the wall clock.
 */
final class MergingTickIterator implements Iterator<ReadResult>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger("io.scalpsignals.progress");
    private static final int PROGRESS_EVERY = 1 << 14;
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private record Head(ReadResult record, long key, int file) {}

    private final List<TickReader> readers = new ArrayList<>();
    private final PriorityQueue<Head> heads =
            new PriorityQueue<>(Comparator.comparingLong(Head::key).thenComparingInt(Head::file));
    private long emitted;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos = startNanos;

    /**
     * Opens every file and skips the first {@code alreadyEmitted} merged records (a restore).
     *
     * @throws UncheckedIOException when a file cannot be opened
     * @throws IllegalArgumentException when a file's format is not recognised
     */
    MergingTickIterator(List<InputFile> files, long alreadyEmitted) {
        try {
            for (InputFile f : files) {
                Path path = new Path(f.path());
                readers.add(TickReader.open(path.getFileSystem().open(path), f.path(), f.format(), f.symbol()));
            }
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot open input: " + e.getMessage(), e);
        }
        for (int i = 0; i < readers.size(); i++) {
            refill(i);
            if (readers.get(i).reordered() > 0) {
                LOG.warn(
                        "{}: {} trades out of time order in the file, read in time order",
                        files.get(i).path(),
                        readers.get(i).reordered());
            }
        }
        for (long i = 0; i < alreadyEmitted && hasNext(); i++) {
            next();
        }
    }

    long emitted() {
        return emitted;
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
        emitted++;
        if ((emitted & (PROGRESS_EVERY - 1)) == 0) {
            progress(false);
        }
        if (heads.isEmpty()) {
            progress(true);
            closeQuietly();
        }
        return head.record();
    }

    private void refill(int file) {
        TickReader reader = readers.get(file);
        if (reader.hasNext()) {
            ReadResult r = reader.next();
            long key = r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE;
            heads.add(new Head(r, key, file));
        }
    }

    private void progress(boolean done) {
        long now = System.nanoTime();
        if (!done && now - lastProgressNanos < PROGRESS_NANOS) {
            return;
        }
        lastProgressNanos = now;
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        LOG.info(
                "{} {} records in {} s ({} records/s)",
                done ? "read all" : "read",
                emitted,
                String.format("%.1f", seconds),
                String.format("%.0f", emitted / seconds));
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        for (TickReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                LOG.warn("cannot close {}", r, e);
            }
        }
    }
}
