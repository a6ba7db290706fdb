package io.scalpsignals.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip fixtures: compressing text, and what a damaged member still yields. */
public final class Gzip {

    private Gzip() {}

    public static byte[] compress(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The text a (possibly truncated) gzip stream yields before its damage, read byte by byte. */
    public static String decompressiblePrefix(byte[] gz) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
            }
        } catch (IOException damage) {
            // the end of what can be read
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
