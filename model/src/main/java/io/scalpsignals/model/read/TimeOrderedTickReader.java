package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A venue archive's trades in time order, whatever the order of its lines. Binance's daily
 * aggTrades files are not always in time order (binance-public-data issue 339: blocks of another
 * month's trades interleaved), and a backfill that read them as they stand would drop every trade
 * older than its symbol's last as late. This reader reads the whole file first (one day of one
 * symbol, closed once read), and when any accepted trade is older than one before it, gives the
 * dead letters in file order (a damaged file's last one included), then the trades sorted by
 * {@code ts}, stably: trades of one millisecond keep their file order, which within a block is
 * the aggregate id's order. A file in time order is given
 * exactly as read. {@link #reordered()} counts the trades that were out of order.
 */
final class TimeOrderedTickReader extends TickReader {

    private final TickReader file;

    @Nullable
    private Iterator<ReadResult> ordered;

    private long reordered;

    TimeOrderedTickReader(TickReader file) {
        super(file.sourceName);
        this.file = file;
    }

    @Override
    @Nullable
    protected ReadResult readNext() {
        if (ordered == null) {
            ordered = readAll();
        }
        if (ordered.hasNext()) {
            return ordered.next();
        }
        ordered = Collections.emptyIterator(); // the day's records, no longer held
        return null;
    }

    private Iterator<ReadResult> readAll() {
        List<ReadResult> all = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        try (TickReader in = file) {
            while (in.hasNext()) {
                ReadResult r = in.next();
                all.add(r);
                if (r.isAccepted()) {
                    long ts = r.tick().ts();
                    if (ts < newest) {
                        reordered++;
                    }
                    newest = Math.max(newest, ts);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + sourceName, e);
        }
        if (reordered > 0) {
            // stable: the dead letters first in file order, then the trades by ts in file order
            all.sort(Comparator.comparingLong(r -> r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE));
        }
        return all.iterator();
    }

    /** Trades older than one before them in the file (0 for a file in time order); known once the first record is read. */
    @Override
    public long reordered() {
        return reordered;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
