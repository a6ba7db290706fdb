package io.scalpsignals.model.read;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;

import javax.annotation.Nullable;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

/**
 * Reads one trade file record by record, in file order, turning every record into a {@link
 * ReadResult}: an accepted tick or a dead letter with its reason, raw text and {@code file:line}
 * source. It never throws for bad content: an unreadable rest of the file (a truncated gzip
 * member, an I/O error) becomes one {@link DeadLetterReason#UNREADABLE_INPUT} record, carrying
 * the record that the damage cut short, and ends the iteration; every complete record before
 * the damage is still read.
 *
 * <pre>{@code
 * try (TickReader reader = TickReader.open(in, "trades.csv.gz", TickFormat.AUTO, null)) {
 *     while (reader.hasNext()) {
 *         ReadResult r = reader.next();
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe. Closing it closes the underlying stream.
 */
public abstract class TickReader implements Iterator<ReadResult>, Closeable {

    private static final int PEEK_BYTES = 64 * 1024;

    protected final String sourceName;

    @Nullable
    private ReadResult next;

    private boolean done;

    protected TickReader(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * Opens a reader over {@code in}.
     *
     * @param in the file's bytes, gzip-compressed or not (recognised by the magic bytes)
     * @param sourceName the name used in dead-letter sources ({@code sourceName:line}) and in
     *     format detection
     * @param format the encoding, or {@link TickFormat#AUTO} to detect it
     * @param symbol the symbol for records that carry none (bitstamp, freqtrade, or csv and jsonl
     *     without a symbol column), or null; bitstamp then defaults to {@code BTCUSD} and
     *     freqtrade to the file-name prefix before {@code -trades}
     * @throws IllegalArgumentException when the format cannot be detected or the header lacks a
     *     required column (a configuration error, reported before any record is read)
     * @throws IOException when the start of the file cannot be read
     */
    public static TickReader open(InputStream in, String sourceName, TickFormat format, @Nullable String symbol)
            throws IOException {
        FailureAwareInputStream guarded = new FailureAwareInputStream(maybeGunzip(in));
        BufferedInputStream buffered = new BufferedInputStream(guarded, PEEK_BYTES);
        byte[] head = peekFirstLine(buffered);
        try {
            TickFormat resolved = format == TickFormat.AUTO ? FormatDetector.detect(sourceName, head) : format;
            if (resolved == TickFormat.FREQTRADE) {
                return new FreqtradeTickReader(buffered, guarded, sourceName, freqtradeSymbol(sourceName, symbol));
            }
            if (resolved == TickFormat.BINANCE_AGGTRADES) {
                // Binance's archives are not always in time order: read whole and ordered
                return new TimeOrderedTickReader(new LineTickReader(
                        buffered, guarded, sourceName, resolved, symbol != null ? symbol : binanceSymbol(sourceName)));
            }
            return new LineTickReader(buffered, guarded, sourceName, resolved, symbol);
        } catch (IllegalArgumentException | IOException e) {
            buffered.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readNext();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public ReadResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadResult r = next;
        next = null;
        return r;
    }

    /**
     * Trades this reader gave in another order than the file's because they were out of time order
     * (a Binance archive, {@link TimeOrderedTickReader}); 0 for every other reader. Known once the
     * first record is read.
     */
    public long reordered() {
        return 0;
    }

    /** The next record, or null at the end of the input. Must not throw for bad content. */
    @Nullable
    protected abstract ReadResult readNext();

    /**
     * The dead letter that ends a damaged file.
     *
     * @param position the line (or element) where the damage is
     * @param partial the text of a record cut short by the damage, or empty
     */
    protected ReadResult unreadable(long position, IOException e, String partial) {
        return ReadResult.rejected(
                DeadLetterReason.UNREADABLE_INPUT,
                "the input cannot be read on from here: " + e,
                partial,
                sourceName + ":" + position);
    }

    /** The first line (at most {@value #PEEK_BYTES} bytes), leaving the stream where it was. */
    private static byte[] peekFirstLine(BufferedInputStream in) throws IOException {
        in.mark(PEEK_BYTES);
        ByteArrayOutputStream head = new ByteArrayOutputStream(256);
        int b;
        while (head.size() < PEEK_BYTES && (b = in.read()) >= 0 && b != '\n') {
            head.write(b);
        }
        in.reset();
        return head.toByteArray();
    }

    /** A gzip stream, or the first entry of a zip archive (Binance's daily files), decompressed; else as is. */
    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(4);
        int b0 = b.read();
        int b1 = b.read();
        int b2 = b.read();
        int b3 = b.read();
        b.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(b, 1 << 16);
        }
        if (b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4) {
            ZipInputStream zip = new ZipInputStream(b);
            if (zip.getNextEntry() == null) {
                throw new IOException("an empty zip archive");
            }
            return zip;
        }
        return b;
    }

    /** Binance's daily file name {@code BTCUSDT-aggTrades-2024-01-01.zip}: the symbol before {@code -aggTrades}, or null. */
    @Nullable
    static String binanceSymbol(String sourceName) {
        String base = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
        int at = base.indexOf("-aggTrades");
        return at > 0 ? base.substring(0, at) : null;
    }

    private static String freqtradeSymbol(String sourceName, @Nullable String symbol) {
        if (symbol != null) {
            return symbol;
        }
        String name = sourceName.substring(sourceName.lastIndexOf('/') + 1);
        int cut = name.indexOf("-trades");
        String derived = cut > 0 ? name.substring(0, cut) : "";
        if (!TickValidator.isValidSymbol(derived)) {
            throw new IllegalArgumentException(sourceName
                    + ": freqtrade files carry no symbol and none can be derived from the"
                    + " file name; pass --symbol");
        }
        return derived;
    }
}
