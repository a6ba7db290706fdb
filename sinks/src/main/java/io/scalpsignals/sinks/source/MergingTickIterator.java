package io.scalpsignals.sinks.source;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.MergedTickReader;
import io.scalpsignals.model.read.TickReader;

import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The trade files of a split as one stream in {@code ts} order ({@link MergedTickReader}), opened
 * through Flink's file systems, resumed by skipping what was emitted before a restore.
 *
 * <p>Logs progress (records read, rate) every {@value #PROGRESS_EVERY} records at most every
 * 2 s of wall-clock time; progress is the only use of the wall clock.
 */
final class MergingTickIterator implements Iterator<ReadResult>, Closeable {

    private static final Logger LOG = LoggerFactory.getLogger("io.scalpsignals.progress");
    private static final int PROGRESS_EVERY = 1 << 14;
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final MergedTickReader merged;
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
        List<TickReader> readers = new ArrayList<>();
        try {
            for (InputFile f : files) {
                Path path = new Path(f.path());
                readers.add(TickReader.open(path.getFileSystem().open(path), f.path(), f.format(), f.symbol()));
            }
        } catch (IOException e) {
            closeQuietly(readers);
            throw new UncheckedIOException("cannot open input: " + e.getMessage(), e);
        }
        merged = new MergedTickReader(readers);
        for (int i = 0; i < readers.size(); i++) {
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
        return merged.hasNext();
    }

    @Override
    public ReadResult next() {
        ReadResult record = merged.next();
        emitted++;
        if ((emitted & (PROGRESS_EVERY - 1)) == 0) {
            progress(false);
        }
        if (!merged.hasNext()) {
            progress(true);
            closeQuietly(merged.readers());
        }
        return record;
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
        closeQuietly(merged.readers());
    }

    private static void closeQuietly(List<TickReader> readers) {
        for (TickReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                LOG.warn("cannot close {}", r, e);
            }
        }
    }
}
