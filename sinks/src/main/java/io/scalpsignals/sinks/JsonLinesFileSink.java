package io.scalpsignals.sinks;

import io.scalpsignals.model.json.Json;
import io.scalpsignals.model.json.JsonLines;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records as JSON lines to a local file, {@code DIR/NAME.jsonl} (SPEC.md §8 outputs).
 * With sink parallelism 1, the usual for a backfill, there is one file and the lines of a symbol
 * keep their event order; with more subtasks each writes {@code NAME-<subtask>.jsonl}.
 *
 * <p>For bounded runs: the file is truncated when the writer starts and flushed at checkpoints
 * and at the end of input. It is not transactional, so a failed backfill is simply run again.
 *
 * @param <T> the record type, written by a {@link JsonLines.Writer}
 */
public final class JsonLinesFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;
    private final JsonLines.Writer<T> writer;

    /**
     * @param directory the output directory, created if missing
     * @param name the file's base name without {@code .jsonl}
     * @param writer writes one record as a JSON object; must be serializable
     */
    public JsonLinesFileSink(Path directory, String name, JsonLines.Writer<T> writer) {
        this.directory = directory.toString();
        this.name = name;
        this.writer = writer;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        String file = parallelism == 1
                ? name + ".jsonl"
                : name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl";
        Path dir = Path.of(directory);
        Files.createDirectories(dir);
        return new Writer<>(Files.newOutputStream(dir.resolve(file)), writer);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final JsonGenerator generator;
        private final JsonLines.Writer<T> writer;

        Writer(OutputStream out, JsonLines.Writer<T> writer) throws IOException {
            this.generator = Json.FACTORY.createGenerator(new BufferedOutputStream(out, 1 << 16));
            this.generator.setRootValueSeparator(null);
            this.writer = writer;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            writer.write(element, generator);
            generator.writeRaw('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            generator.flush();
        }

        @Override
        public void close() throws IOException {
            generator.close();
        }
    }
}
