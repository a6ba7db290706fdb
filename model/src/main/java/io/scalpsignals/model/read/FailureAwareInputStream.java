package io.scalpsignals.model.read;

import javax.annotation.Nullable;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Turns a read error (a truncated gzip member, a broken disk read) into the end of the stream
 * and remembers it. Decoders above it (an {@code InputStreamReader}, a JSON parser) would
 * otherwise drop the bytes they had already buffered when the error is thrown, losing good
 * records before the damage.
 */
final class FailureAwareInputStream extends FilterInputStream {

    @Nullable
    private IOException failure;

    private int lastByte = '\n';

    FailureAwareInputStream(InputStream in) {
        super(in);
    }

    /** The error that ended the stream, or null if it ended cleanly (or has not ended). */
    @Nullable
    IOException failure() {
        return failure;
    }

    /** True when the stream failed in the middle of a line (its last byte was not a newline). */
    boolean failedInsideLine() {
        return failure != null && lastByte != '\n';
    }

    @Override
    public int read() throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            int b = super.read();
            if (b >= 0) {
                lastByte = b;
            }
            return b;
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            return -1;
        }
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                lastByte = b[off + n - 1];
            }
            return n;
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int available() throws IOException {
        return failure != null ? 0 : super.available();
    }
}
