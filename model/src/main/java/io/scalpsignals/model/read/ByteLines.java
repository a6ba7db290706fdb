package io.scalpsignals.model.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines the way {@link java.io.BufferedReader#readLine()} does (a line
 * ends at {@code \n}, {@code \r} or {@code \r\n}; a last line without a terminator counts; the
 * end of the stream after a terminator adds no empty line), without decoding them: the trade
 * readers parse bytes and decode only what they keep.
 */
final class ByteLines {

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to it. */
    private boolean skipLf;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line into {@code line}.
     *
     * @return false at the end of the stream (then {@code line} is unchanged)
     */
    boolean next(Line line) throws IOException {
        boolean started = false;
        while (true) {
            if (pos == limit && !fill()) {
                return started;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (started) {
                line.append(buf, start, pos);
            } else {
                line.set(buf, start, pos);
                started = true;
            }
            if (pos < limit) {
                skipLf = buf[pos] == '\r';
                pos++;
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
