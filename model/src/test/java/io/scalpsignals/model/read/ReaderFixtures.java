package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Reads in-memory file contents through {@link TickReader}. */
final class ReaderFixtures {

    private ReaderFixtures() {}

    static List<ReadResult> read(String name, TickFormat format, String symbol, byte[] content) {
        try (TickReader reader = TickReader.open(new ByteArrayInputStream(content), name, format, symbol)) {
            List<ReadResult> out = new ArrayList<>();
            reader.forEachRemaining(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReadResult> read(String name, TickFormat format, String content) {
        return read(name, format, null, content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
